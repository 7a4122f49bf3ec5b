'use client';
import { Alert, Button, Code, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useInvalidateSavedQueries, useSavedQueries } from './use-saved-queries';

/** Names the query in the box for the project; a name already taken is that saved query, replaced. */
export function SaveQueryModal({ projectId, query, onClose }: { projectId: string; query: string; onClose: () => void }) {
  const trpc = useTRPC();
  const saved = useSavedQueries(projectId).data ?? [];
  const invalidate = useInvalidateSavedQueries();
  // A picked query saved again is most often an edit of it: start from its name and description.
  const [picked] = useState(() => saved.find((q) => q.query === query));
  const [name, setName] = useState(picked?.name ?? '');
  const [description, setDescription] = useState(picked?.description ?? '');
  const queryLabel = useId();
  const replaces = saved.find((q) => q.name === name.trim());
  const save = useMutation(
    trpc.savedQueries.save.mutationOptions({
      onSuccess: async ({ savedQuery, created, changed }) => {
        await invalidate();
        notifications.show({ message: `Saved query "${savedQuery.name}" ${created ? 'saved' : changed ? 'updated' : 'unchanged'}` });
        onClose();
      },
    }),
  );
  return (
    <Modal opened onClose={onClose} title="Save query" size="lg">
      <form
        aria-label="Save query"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ projectId, name, query, description });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            description={
              replaces ? `Replaces the saved query "${replaces.name}"` : 'Everyone who can search this project finds it under Saved queries'
            }
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={100}
            required
            data-autofocus
          />
          <Textarea label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id={queryLabel}>
              Query
            </Text>
            <Code block role="region" aria-labelledby={queryLabel}>
              {query}
            </Code>
          </Stack>
          {save.error && (
            <Alert color="red" title="The query was not saved" role="alert">
              {errorText(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
