'use client';
import { Alert, Anchor, Breadcrumbs, Button, Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { errorText } from '../../lib/error-text';
import { count, dateTime, timeAgo } from '../../lib/format';
import { useProjects } from '../shell/project-context';
import { AuditToggle } from './audit-toggle';
import { DeleteClusterButton } from './delete-cluster-button';
import { MoveClusterButton } from './move-cluster-button';
import { RenameClusterButton } from './rename-cluster-button';
import { RetentionCard } from './retention-card';
import { StatusBadge } from './status-badge';
import { useClusterDetail } from './use-cluster-detail';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

export function ClusterDetailPage({ clusterId }: { clusterId: string }) {
  const { current } = useProjects();
  const detail = useClusterDetail(clusterId);
  const isAdmin = current!.can('admin');

  if (detail.isPending) return <Skeleton h={240} aria-label="Loading cluster" />;
  if (detail.error)
    return (
      <Alert color="red" title="Cluster not available">
        {errorText(detail.error)}
      </Alert>
    );
  const c = detail.data;
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} href="/clusters">
          Clusters
        </Anchor>
        <Text>{c.clusterName}</Text>
      </Breadcrumbs>
      <Group justify="space-between">
        <Group>
          <Title order={1} size="h3">
            {c.clusterName}
          </Title>
          <StatusBadge status={c.status} />
        </Group>
        {isAdmin && (
          <Group>
            <Button component={Link} href={`/clusters/${c.clusterId}/install`} variant="light">
              Install agent
            </Button>
            <RenameClusterButton clusterId={c.clusterId} name={c.clusterName} />
            <MoveClusterButton clusterId={c.clusterId} name={c.clusterName} />
            <AuditToggle clusterId={c.clusterId} name={c.clusterName} enabled={c.auditEnabled} />
            <DeleteClusterButton clusterId={c.clusterId} name={c.clusterName} />
          </Group>
        )}
      </Group>
      {!c.auditEnabled && (
        <Alert color="orange" title="Auditing is disabled" data-testid="audit-disabled">
          The ingest API refuses this cluster&apos;s events with AUDIT_DISABLED; its agents pause and keep polling until auditing is enabled
          again. Events stored so far are kept.
        </Alert>
      )}
      <Card withBorder>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Fact label="Cluster id">{c.clusterId}</Fact>
          <Fact label="Type">{c.type}</Fact>
          <Fact label="Retention">{c.retentionDays} days</Fact>
          <Fact label="Kubernetes">{c.kubernetesVersion ?? '—'}</Fact>
          <Fact label="Agent">{c.agentVersion ?? '—'}</Fact>
          <Fact label="Last heartbeat">{timeAgo(c.lastHeartbeatAt)}</Fact>
          <Fact label="Last event">{timeAgo(c.lastEventAt)}</Fact>
          <Fact label="Events, last 24 h">{count(c.eventsLast24h)}</Fact>
          <Fact label="Lag">{c.lagSeconds === null ? '—' : `${c.lagSeconds.toFixed(1)} s`}</Fact>
          <Fact label="Live tokens">{c.liveTokens}</Fact>
        </SimpleGrid>
      </Card>
      <RetentionCard key={c.retentionDays} clusterId={c.clusterId} retentionDays={c.retentionDays} />
      <Title order={2} size="h5">
        Agents
      </Title>
      {c.streams.length === 0 ? (
        <Text c="dimmed">No agent has called in yet.</Text>
      ) : (
        <Table aria-label="Agents" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Stream</Table.Th>
              <Table.Th>Mode</Table.Th>
              <Table.Th>Agent</Table.Th>
              <Table.Th>Kubernetes</Table.Th>
              <Table.Th>Lag</Table.Th>
              <Table.Th>Pending batches</Table.Th>
              <Table.Th>Last heartbeat</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.streams.map((s) => (
              <Table.Tr key={s.streamId}>
                <Table.Td ff="monospace">{s.streamId}</Table.Td>
                <Table.Td>{s.mode}</Table.Td>
                <Table.Td>{s.agentVersion}</Table.Td>
                <Table.Td>{s.kubernetesVersion ?? '—'}</Table.Td>
                <Table.Td>{s.lagSeconds.toFixed(1)} s</Table.Td>
                <Table.Td>{s.pendingBatches}</Table.Td>
                <Table.Td title={dateTime(s.receivedAt)}>{timeAgo(s.receivedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
