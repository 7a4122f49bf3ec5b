'use client';
import { roleAtLeast } from '@kubetrail/contracts';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { useInvalidateClusters } from './use-cluster-mutation';

export function MoveClusterButton({ clusterId, name }: { clusterId: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { projects, current } = useProjects();
  const invalidate = useInvalidateClusters();
  const [opened, { open, close }] = useDisclosure(false);
  const [target, setTarget] = useState<string | null>(null);
  // Only projects where the user is an admin can receive it; the server checks the same.
  const targets = projects.filter((p) => p.id !== current!.id && roleAtLeast(p.role, 'admin'));
  const move = useMutation(
    trpc.clusterMove.move.mutationOptions({
      onSuccess: async () => {
        close();
        const to = targets.find((p) => p.id === target)?.name ?? 'the other project';
        router.push('/clusters');
        await invalidate();
        notifications.show({ message: `${name} and its stored events now belong to ${to}` });
      },
    }),
  );
  return (
    <>
      <Button variant="default" onClick={open}>
        Change project
      </Button>
      <Modal opened={opened} onClose={close} title={`Move ${name} to another project`}>
        <Stack>
          <Text size="sm">
            The cluster, its agents and every stored event move at once; members of this project lose access to them and the target
            project&apos;s members gain it.
          </Text>
          <Select
            label="Target project"
            placeholder={targets.length ? 'Choose a project' : 'You are an admin of no other project'}
            data={targets.map((p) => ({ value: p.id, label: p.name }))}
            value={target}
            onChange={setTarget}
            error={move.error ? errorText(move.error) : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              disabled={!target}
              loading={move.isPending}
              onClick={() => target && move.mutate({ projectId: current!.id, clusterId, targetProjectId: target })}
            >
              Move cluster
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
