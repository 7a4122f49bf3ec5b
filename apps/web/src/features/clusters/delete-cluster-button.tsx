'use client';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { useInvalidateClusters } from './use-cluster-mutation';

export function DeleteClusterButton({ clusterId, name }: { clusterId: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const projectId = useProjects().current!.id;
  const invalidate = useInvalidateClusters();
  const [opened, { open, close }] = useDisclosure(false);
  const [typed, setTyped] = useState('');
  const remove = useMutation(
    trpc.clusters.delete.mutationOptions({
      onSuccess: async () => {
        close();
        router.push('/clusters');
        await invalidate();
        notifications.show({ message: `Cluster ${name} and its events were deleted` });
      },
    }),
  );
  return (
    <>
      <Button color="red" variant="outline" onClick={open}>
        Delete
      </Button>
      <Modal opened={opened} onClose={close} title={`Delete ${name}?`}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            remove.mutate({ projectId, clusterId, confirmName: typed });
          }}
        >
          <Stack>
            <Text size="sm">This deletes the cluster, its tokens and every audit event stored for it. It cannot be undone.</Text>
            <TextInput
              label={`Type ${name} to confirm`}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              error={remove.error ? errorText(remove.error) : undefined}
              autoComplete="off"
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color="red" disabled={typed !== name} loading={remove.isPending}>
                Delete cluster and its data
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
