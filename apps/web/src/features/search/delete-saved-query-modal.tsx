'use client';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { ConfirmDeleteModal } from '../../lib/confirm-delete-modal';
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
    <ConfirmDeleteModal
      opened
      onClose={onClose}
      title={`Delete saved query ${savedQuery.name}?`}
      consequence="It leaves the saved queries of everyone in the project. Links to searches it ran keep working."
      confirmLabel="Delete saved query"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ projectId, savedQuery: savedQuery.id })}
    />
  );
}
