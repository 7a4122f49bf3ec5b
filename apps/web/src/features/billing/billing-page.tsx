'use client';
import { billCsv } from '@kubetrail/billing';
import { BarChart, LineChart } from '@mantine/charts';
import { Alert, Badge, Button, Card, Group, NumberInput, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { PolicyWhatIfCard } from './policy-what-if-card';
import { PriceListForm } from './price-list-form';
import { money } from './money';

function downloadCsv(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function BillingPage() {
  const trpc = useTRPC();
  const project = useProjects().current!;
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const [whatIf, setWhatIf] = useState<number | string>('');
  const retentionDays = typeof whatIf === 'number' ? whatIf : undefined;
  const bill = useQuery({
    ...trpc.billing.bill.queryOptions({ projectId: project.id, month, ...(retentionDays ? { retentionDays } : {}) }),
    placeholderData: keepPreviousData,
  });
  const clusters = useQuery(trpc.clusters.list.queryOptions({ projectId: project.id }));
  const names = useMemo(() => new Map((clusters.data ?? []).map((c) => [c.clusterId, c.clusterName])), [clusters.data]);
  const b = bill.data;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h3">
          Billing
        </Title>
        <Group align="flex-end">
          <TextInput
            label="Month"
            type="month"
            value={month}
            onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)}
            w={170}
          />
          <NumberInput
            label="What if every cluster kept (days)"
            placeholder="its own retention"
            value={whatIf}
            onChange={setWhatIf}
            min={1}
            max={3650}
            allowDecimal={false}
            w={240}
          />
          <Button
            variant="default"
            disabled={!b}
            onClick={() => b && downloadCsv(`kubetrail-${project.name}-${month}.csv`, billCsv(b, names))}
          >
            Export CSV
          </Button>
        </Group>
      </Group>
      {bill.isPending && <Skeleton h={260} aria-label="Loading the bill" />}
      {bill.error && (
        <Alert color="red" title="The bill could not be computed">
          {errorText(bill.error)}
        </Alert>
      )}
      {b && (
        <>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Card withBorder>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Total so far
              </Text>
              <Text size="xl" fw={700} data-testid="bill-total">
                {money(b.total, b.currency)}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Projected month end
              </Text>
              <Group gap="xs">
                <Text size="xl" fw={700} data-testid="bill-projected">
                  {money(b.projectedTotal, b.currency)}
                </Text>
                {b.overBudget && <Badge color="red">over budget</Badge>}
              </Group>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Monthly budget
              </Text>
              <Text size="xl" fw={700}>
                {b.monthlyBudget === null ? 'none' : money(b.monthlyBudget, b.currency)}
              </Text>
            </Card>
          </SimpleGrid>
          {b.overBudget && (
            <Alert color="red" title="Over budget">
              At this pace the month ends at {money(b.projectedTotal, b.currency)}, above the budget of{' '}
              {money(b.monthlyBudget ?? 0, b.currency)}.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Card withBorder>
              <Text size="sm" fw={600} mb="xs">
                Cost to date, {b.currency}
              </Text>
              <LineChart h={200} data={b.cumulative} dataKey="day" series={[{ name: 'cost', color: 'indigo.6' }]} curveType="linear" />
            </Card>
            <Card withBorder>
              <Text size="sm" fw={600} mb="xs">
                Events stored per day
              </Text>
              <BarChart h={200} data={b.daily} dataKey="day" series={[{ name: 'events', color: 'teal.6' }]} />
            </Card>
            <Card withBorder>
              <Text size="sm" fw={600} mb="xs">
                GB ingested per day
              </Text>
              <BarChart h={200} data={b.daily} dataKey="day" series={[{ name: 'ingestedGB', label: 'GB', color: 'grape.6' }]} />
            </Card>
          </SimpleGrid>
          <Table aria-label="Bill per cluster" striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Cluster</Table.Th>
                <Table.Th ta="right">Ingested (GB)</Table.Th>
                <Table.Th ta="right">Stored (GB-month)</Table.Th>
                <Table.Th ta="right">Events</Table.Th>
                <Table.Th ta="right">Cost</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.clusters.map((c) => (
                <Table.Tr key={c.clusterId} data-bill={names.get(c.clusterId) ?? c.clusterId}>
                  <Table.Td>{names.get(c.clusterId) ?? c.clusterId}</Table.Td>
                  <Table.Td ta="right">{c.ingestedGB.toFixed(6)}</Table.Td>
                  <Table.Td ta="right">{c.storedGBMonth.toFixed(6)}</Table.Td>
                  <Table.Td ta="right">{c.events}</Table.Td>
                  <Table.Td ta="right">{money(c.cost, b.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <PolicyWhatIfCard month={month} clusters={clusters.data ?? []} />
      <PriceListForm />
    </Stack>
  );
}
