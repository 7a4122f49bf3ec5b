'use client';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
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
      <Modal opened={opened} onClose={close} title={`Delete channel ${name}?`}>
        <Stack>
          <Text size="sm">Rules stop notifying through it, and its delivery attempts leave the history.</Text>
          {remove.error && (
            <Text c="red" size="sm" role="alert">
              {errorText(remove.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate({ projectId, channel: channelId })}>
              Delete channel
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
