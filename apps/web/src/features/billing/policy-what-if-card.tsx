'use client';
import { PRESETS } from '@kubetrail/policy/presets';
import { Alert, Button, Card, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { money } from './money';

const STARTERS = [
  { value: 'ack', label: 'ACK preset' },
  { value: 'tke', label: 'TKE preset' },
  { value: 'custom', label: 'Your own policy' },
];

/** Prices another audit policy for one cluster by replaying its stored events (the policy studio's replay). */
export function PolicyWhatIfCard({ month, clusters }: { month: string; clusters: { clusterId: string; clusterName: string }[] }) {
  const trpc = useTRPC();
  const project = useProjects().current!;
  const [clusterId, setClusterId] = useState<string | null>(null);
  const [starter, setStarter] = useState('ack');
  const [source, setSource] = useState<string>(PRESETS.ack);
  const [sinceDays, setSinceDays] = useState('7');
  const whatIf = useMutation(trpc.billing.policyWhatIf.mutationOptions());
  const chosen = clusterId ?? clusters[0]?.clusterId ?? null;
  const r = whatIf.data;
  const row = (label: string, current: string, proposed: string) => (
    <Table.Tr>
      <Table.Td>{label}</Table.Td>
      <Table.Td ta="right">{current}</Table.Td>
      <Table.Td ta="right">{proposed}</Table.Td>
    </Table.Tr>
  );
  return (
    <Card withBorder>
      <form
        aria-label="Policy what-if"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen) whatIf.mutate({ projectId: project.id, clusterId: chosen, month, source, sinceDays: Number(sinceDays) });
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h5">
            What if a cluster ran another audit policy
          </Title>
          <Text size="sm" c="dimmed">
            The cluster&apos;s stored events are replayed through the policy. Events its current policy dropped were never stored, so a
            policy keeping more than the current one cannot be priced above it.
          </Text>
          <Group align="flex-end">
            <Select
              label="Cluster"
              data={clusters.map((c) => ({ value: c.clusterId, label: c.clusterName }))}
              value={chosen}
              onChange={setClusterId}
              allowDeselect={false}
              w={220}
            />
            <Select
              label="Start from"
              data={STARTERS}
              value={starter}
              allowDeselect={false}
              onChange={(v) => {
                const next = v ?? 'custom';
                setStarter(next);
                if (next === 'ack' || next === 'tke') setSource(PRESETS[next]);
              }}
              w={180}
            />
            <Select
              label="Replay the last"
              data={['1', '7', '30'].map((d) => ({ value: d, label: `${d} day${d === '1' ? '' : 's'}` }))}
              value={sinceDays}
              onChange={(v) => setSinceDays(v ?? '7')}
              allowDeselect={false}
              w={140}
            />
            <Button type="submit" loading={whatIf.isPending} disabled={!chosen}>
              Replay and price
            </Button>
          </Group>
          <Textarea
            label="Audit policy (YAML)"
            value={source}
            onChange={(e) => {
              setSource(e.currentTarget.value);
              setStarter('custom');
            }}
            autosize
            minRows={4}
            maxRows={14}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          />
          {whatIf.error && (
            <Alert color="red" title="The policy could not be replayed">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {errorText(whatIf.error)}
              </Text>
            </Alert>
          )}
          {r && (
            <Table aria-label="Policy what-if result" verticalSpacing={4} maw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Over {r.replayedDays === 1 ? 'the last day' : `the last ${r.replayedDays} days`}</Table.Th>
                  <Table.Th ta="right">Current policy</Table.Th>
                  <Table.Th ta="right">Proposed policy</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {row('Events per day', String(r.eventsPerDay.current), String(r.eventsPerDay.proposed))}
                {row('GB per month', r.gbPerMonth.current.toFixed(6), r.gbPerMonth.proposed.toFixed(6))}
                {row('Projected month end', money(r.projectedCost.current, r.currency), money(r.projectedCost.proposed, r.currency))}
              </Table.Tbody>
            </Table>
          )}
          {r && r.replayedEvents === 0 && (
            <Text size="sm" c="dimmed">
              No events are stored for these days, so the proposal changes nothing measurable.
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}
