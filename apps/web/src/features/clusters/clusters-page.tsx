'use client';
import { Alert, Anchor, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Sparkline } from '@mantine/charts';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { FleetRow } from '../../lib/api-types';
import { errorText } from '../../lib/error-text';
import { count, timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { CreateClusterModal } from './create-cluster-modal';
import { StatusBadge } from './status-badge';

function EventsSparkline({ row }: { row: FleetRow }) {
  const total = row.eventsPerDay.reduce((sum, d) => sum + d.events, 0);
  const label = `events per day over 7 days: ${row.eventsPerDay.map((d) => `${d.day} ${d.events}`).join(', ')}`;
  return (
    <Group gap="xs" wrap="nowrap" aria-label={label} role="img">
      <Sparkline w={90} h={24} data={row.eventsPerDay.map((d) => d.events)} curveType="linear" fillOpacity={0.3} strokeWidth={1.5} />
      <Text size="xs" c="dimmed">
        {count(total)}
      </Text>
    </Group>
  );
}

export function ClustersPage() {
  const trpc = useTRPC();
  const { current } = useProjects();
  const project = current!;
  const [creating, { open, close }] = useDisclosure(false);
  // Statuses come from heartbeats: refresh while the page is open.
  const clusters = useQuery({ ...trpc.clusters.list.queryOptions({ projectId: project.id }), refetchInterval: 5_000 });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h3">
          Clusters
        </Title>
        {project.can('admin') && <Button onClick={open}>Create cluster</Button>}
      </Group>
      {clusters.isPending && <Skeleton h={120} aria-label="Loading clusters" />}
      {clusters.error && (
        <Alert color="red" title="Clusters could not be loaded">
          {errorText(clusters.error)}
        </Alert>
      )}
      {clusters.data?.length === 0 && (
        <Alert title="No clusters in this project yet">
          {project.can('admin')
            ? 'Create a cluster, then install its agent to start collecting audit events.'
            : 'An admin of this project can add clusters.'}
        </Alert>
      )}
      {clusters.data && clusters.data.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" aria-label="Clusters">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Kubernetes</Table.Th>
                <Table.Th>Agent</Table.Th>
                <Table.Th>Last event</Table.Th>
                <Table.Th>Events / day (7 d)</Table.Th>
                <Table.Th>Retention</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clusters.data.map((row) => (
                <Table.Tr key={row.clusterId} data-cluster={row.clusterName}>
                  <Table.Td>
                    <Anchor component={Link} href={`/clusters/${row.clusterId}`} fw={500}>
                      {row.clusterName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{row.type}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={row.status} />
                  </Table.Td>
                  <Table.Td>{row.kubernetesVersion ?? '—'}</Table.Td>
                  <Table.Td>{row.agentVersion ?? '—'}</Table.Td>
                  <Table.Td title={row.lastEventAt ? new Date(row.lastEventAt).toISOString() : undefined}>
                    {timeAgo(row.lastEventAt)}
                  </Table.Td>
                  <Table.Td>
                    <EventsSparkline row={row} />
                  </Table.Td>
                  <Table.Td>{row.retentionDays} days</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateClusterModal opened={creating} onClose={close} />
    </Stack>
  );
}
