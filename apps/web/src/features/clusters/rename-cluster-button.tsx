'use client';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { useInvalidateClusters } from './use-cluster-mutation';

export function RenameClusterButton({ clusterId, name }: { clusterId: string; name: string }) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const invalidate = useInvalidateClusters();
  const [opened, { open, close }] = useDisclosure(false);
  const [value, setValue] = useState(name);
  const rename = useMutation(
    trpc.clusters.rename.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        close();
      },
    }),
  );
  return (
    <>
      <Button variant="default" onClick={open}>
        Rename
      </Button>
      <Modal opened={opened} onClose={close} title={`Rename ${name}`}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate({ projectId, clusterId, name: value });
          }}
        >
          <Stack>
            <TextInput
              label="New name"
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={rename.error ? errorText(rename.error) : undefined}
              required
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={rename.isPending}>
                Rename
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
