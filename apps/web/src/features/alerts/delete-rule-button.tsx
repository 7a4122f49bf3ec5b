'use client';
import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { ConfirmDeleteModal } from '../../lib/confirm-delete-modal';
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
      <ConfirmDeleteModal
        opened={opened}
        onClose={close}
        title={`Delete rule ${name}?`}
        consequence="The rule stops at once. Its evaluation history, firings and messages are deleted with it."
        confirmLabel="Delete rule"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate({ projectId, rule: ruleId })}
      />
    </>
  );
}
