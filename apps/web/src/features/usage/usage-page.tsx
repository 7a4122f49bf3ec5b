'use client';
import { BarChart } from '@mantine/charts';
import { Alert, Card, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { errorText } from '../../lib/error-text';
import { bytes, count } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { dailySeries } from './daily-series';

const DAYS = 30;
const COLORS = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'red.6'];

export function UsagePage() {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const from = new Date(Date.now() - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const usage = useQuery(trpc.usage.list.queryOptions({ projectId, from }));
  const clusters = useQuery(trpc.clusters.list.queryOptions({ projectId }));
  const names = useMemo(() => new Map((clusters.data ?? []).map((c) => [c.clusterId, c.clusterName])), [clusters.data]);
  const chart = useMemo(() => dailySeries(usage.data ?? [], names), [usage.data, names]);

  return (
    <Stack>
      <Title order={1} size="h3">
        Usage, last {DAYS} days
      </Title>
      {usage.isPending && <Skeleton h={260} aria-label="Loading usage" />}
      {usage.error && (
        <Alert color="red" title="Usage could not be loaded">
          {errorText(usage.error)}
        </Alert>
      )}
      {usage.data?.length === 0 && <Alert title="No usage yet">Usage appears once a cluster&apos;s agent sends events.</Alert>}
      {usage.data && usage.data.length > 0 && (
        <>
          <Card withBorder>
            <Text size="sm" fw={600} mb="xs">
              Events stored per day
            </Text>
            <BarChart
              h={220}
              data={chart.points}
              dataKey="day"
              type="stacked"
              series={chart.series.map((name, i) => ({ name, color: COLORS[i % COLORS.length]! }))}
              withLegend
            />
          </Card>
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label="Usage per cluster and day" striped verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Cluster</Table.Th>
                  <Table.Th>Day</Table.Th>
                  <Table.Th ta="right">Received</Table.Th>
                  <Table.Th ta="right">Stored</Table.Th>
                  <Table.Th ta="right">Dropped by policy</Table.Th>
                  <Table.Th ta="right">Ingested</Table.Th>
                  <Table.Th ta="right">Stored size</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {usage.data.map((r) => (
                  <Table.Tr key={`${r.clusterId}-${r.day}`} data-usage={`${names.get(r.clusterId) ?? r.clusterId}/${r.day}`}>
                    <Table.Td>{names.get(r.clusterId) ?? r.clusterId}</Table.Td>
                    <Table.Td>{r.day}</Table.Td>
                    <Table.Td ta="right">{count(r.eventsReceived)}</Table.Td>
                    <Table.Td ta="right" data-testid="events-stored">
                      {count(r.eventsStored)}
                    </Table.Td>
                    <Table.Td ta="right">{count(r.droppedByPolicy)}</Table.Td>
                    <Table.Td ta="right">{bytes(r.ingestedBytes)}</Table.Td>
                    <Table.Td ta="right">{bytes(r.storedBytes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
