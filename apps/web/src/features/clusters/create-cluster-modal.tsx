'use client';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { keepFreshToken } from './token-store';

const TYPES = [
  { value: 'managed', label: 'Managed (30 days retention)' },
  { value: 'dedicated', label: 'Dedicated (365 days retention)' },
  { value: 'serverless', label: 'Serverless (30 days retention)' },
  { value: 'registered', label: 'Registered (30 days retention)' },
] as const;
const PRESETS = [
  { value: 'ack', label: 'ACK-style policy (recommended)' },
  { value: 'tke', label: 'TKE-style policy' },
  { value: 'none', label: 'No policy: keep everything' },
] as const;

type ClusterType = (typeof TYPES)[number]['value'];
type Preset = (typeof PRESETS)[number]['value'];

export function CreateClusterModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const projectId = useProjects().current!.id;
  const [name, setName] = useState('');
  const [type, setType] = useState<ClusterType>('managed');
  const [policyPreset, setPreset] = useState<Preset>('ack');
  const create = useMutation(
    trpc.clusters.create.mutationOptions({
      onSuccess: async ({ cluster, token }) => {
        keepFreshToken(cluster.id, token);
        await queryClient.invalidateQueries({ queryKey: trpc.clusters.list.queryKey() });
        onClose();
        router.push(`/clusters/${cluster.id}/install`);
      },
    }),
  );
  return (
    <Modal opened={opened} onClose={onClose} title="Create cluster">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ projectId, name, type, policyPreset });
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            description="Lowercase letters, digits and dashes; unique in the project"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={create.error ? errorText(create.error) : undefined}
            required
            data-autofocus
          />
          <Select label="Type" data={TYPES} value={type} onChange={(v) => v && setType(v as ClusterType)} allowDeselect={false} />
          <Select
            label="Audit policy"
            data={PRESETS}
            value={policyPreset}
            onChange={(v) => v && setPreset(v as Preset)}
            allowDeselect={false}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create and install agent
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
