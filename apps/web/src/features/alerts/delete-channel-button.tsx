'use client';
import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { ConfirmDeleteModal } from '../../lib/confirm-delete-modal';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { useInvalidateAlerts } from './use-invalidate-alerts';

export function DeleteChannelButton({ channelId, name }: { channelId: string; name: string }) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const invalidate = useInvalidateAlerts();
  const [opened, { open, close }] = useDisclosure(false);
  const remove = useMutation(
    trpc.alertChannels.delete.mutationOptions({
      onSuccess: async () => {
        close();
        await invalidate();
        notifications.show({ message: `Channel "${name}" deleted` });
      },
    }),
  );
  return (
    <>
      <Button size="compact-xs" color="red" variant="subtle" onClick={open}>
        Delete
      </Button>
      <ConfirmDeleteModal
        opened={opened}
        onClose={close}
        title={`Delete channel ${name}?`}
        consequence="Rules stop notifying through it, and its delivery attempts leave the history."
        confirmLabel="Delete channel"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate({ projectId, channel: channelId })}
      />
    </>
  );
}
