'use client';
import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { bytes, dateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { useInvalidateClusters } from './use-cluster-mutation';

const RANGE = { min: 1, max: 3650 };

export function RetentionCard({ clusterId, retentionDays }: { clusterId: string; retentionDays: number }) {
  const trpc = useTRPC();
  const project = useProjects().current!;
  const invalidate = useInvalidateClusters();
  const storage = useQuery(trpc.clusterRetention.storage.queryOptions({ projectId: project.id, clusterId }));
  const [days, setDays] = useState<number | string>(retentionDays);
  const save = useMutation(
    trpc.clusterRetention.set.mutationOptions({
      onSuccess: async (cluster) => {
        await Promise.all([invalidate(), storage.refetch()]);
        notifications.show({ message: `Retention is now ${cluster.retentionDays} days; older days go at the next retention run` });
      },
    }),
  );
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h5">
          Storage and retention
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Oldest event
            </Text>
            <Text size="sm">{storage.data ? dateTime(storage.data.oldestEventAt) : '…'}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Days kept
            </Text>
            <Text size="sm">{storage.data?.daysKept ?? '…'}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Stored
            </Text>
            <Text size="sm">{storage.data ? bytes(storage.data.storedBytes) : '…'}</Text>
          </div>
        </SimpleGrid>
        {storage.error && <Text c="red">{errorText(storage.error)}</Text>}
        {project.can('admin') && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ projectId: project.id, clusterId, days: Number(days) });
            }}
          >
            <Group align="flex-end">
              <NumberInput
                label="Retention (days)"
                description={`${RANGE.min}–${RANGE.max}; expired days are dropped daily`}
                value={days}
                onChange={setDays}
                min={RANGE.min}
                max={RANGE.max}
                allowDecimal={false}
                // The server's message says what is allowed; clamping silently would save another value.
                clampBehavior="none"
                w={260}
                error={save.error ? errorText(save.error) : undefined}
              />
              <Button type="submit" variant="default" loading={save.isPending} disabled={Number(days) === retentionDays}>
                Save retention
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Card>
  );
}
