'use client';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import type { SavedQueryRow } from './search-types';
import { useInvalidateSavedQueries } from './use-saved-queries';

export function DeleteSavedQueryModal({
  projectId,
  savedQuery,
  onClose,
}: {
  projectId: string;
  savedQuery: SavedQueryRow;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateSavedQueries();
  const remove = useMutation(
    trpc.savedQueries.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        notifications.show({ message: `Saved query "${savedQuery.name}" deleted` });
        onClose();
      },
    }),
  );
  return (
    <Modal opened onClose={onClose} title={`Delete saved query ${savedQuery.name}?`}>
      <Stack>
        <Text size="sm">It leaves the saved queries of everyone in the project. Links to searches it ran keep working.</Text>
        {remove.error && (
          <Text c="red" size="sm" role="alert">
            {errorText(remove.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate({ projectId, savedQuery: savedQuery.id })}>
            Delete saved query
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
