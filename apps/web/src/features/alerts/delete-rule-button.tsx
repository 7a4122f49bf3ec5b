'use client';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { useInvalidateAlerts } from './use-invalidate-alerts';

export function DeleteRuleButton({ ruleId, name }: { ruleId: string; name: string }) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const invalidate = useInvalidateAlerts();
  const [opened, { open, close }] = useDisclosure(false);
  const remove = useMutation(
    trpc.alerts.delete.mutationOptions({
      onSuccess: async () => {
        close();
        await invalidate();
        notifications.show({ message: `Rule "${name}" deleted` });
      },
    }),
  );
  return (
    <>
      <Button size="compact-xs" color="red" variant="subtle" onClick={open}>
        Delete
      </Button>
      <Modal opened={opened} onClose={close} title={`Delete rule ${name}?`}>
        <Stack>
          <Text size="sm">The rule stops at once. Its evaluation history, firings and messages are deleted with it.</Text>
          {remove.error && (
            <Text c="red" size="sm" role="alert">
              {errorText(remove.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate({ projectId, rule: ruleId })}>
              Delete rule
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
