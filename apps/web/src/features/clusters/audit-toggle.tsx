'use client';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { useInvalidateClusters } from './use-cluster-mutation';

export function AuditToggle({ clusterId, name, enabled }: { clusterId: string; name: string; enabled: boolean }) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const invalidate = useInvalidateClusters();
  const [opened, { open, close }] = useDisclosure(false);
  const toggle = useMutation(
    trpc.clusters.setAuditEnabled.mutationOptions({
      onSuccess: async (cluster) => {
        await invalidate();
        close();
        notifications.show({ message: `Auditing ${cluster.auditEnabled ? 'enabled' : 'disabled'} for ${name}` });
      },
    }),
  );
  const action = enabled ? 'Disable auditing' : 'Enable auditing';
  return (
    <>
      <Button color={enabled ? 'orange' : 'green'} variant={enabled ? 'outline' : 'filled'} onClick={open}>
        {action}
      </Button>
      <Modal opened={opened} onClose={close} title={`${action} for ${name}?`}>
        <Stack>
          <Text size="sm">
            {enabled
              ? 'The ingest API will refuse this cluster’s new events (AUDIT_DISABLED) and its agents pause. Events already stored stay, under the cluster’s retention.'
              : 'The ingest API accepts this cluster’s events again; paused agents resume from where they stopped.'}
          </Text>
          {toggle.error && (
            <Text c="red" size="sm" role="alert">
              {errorText(toggle.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color={enabled ? 'orange' : 'green'}
              loading={toggle.isPending}
              onClick={() => toggle.mutate({ projectId, clusterId, enabled: !enabled })}
            >
              {action}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
