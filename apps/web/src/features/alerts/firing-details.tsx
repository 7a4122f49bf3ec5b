import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { timeAgo } from '../../lib/format';
import type { Evaluation } from './alert-types';
import { SeverityBadge } from './severity-badge';

type Firing = Evaluation['firings'][number];

const STATUS_COLORS: Record<string, string> = { firing: 'red', resolved: 'green', throttled: 'gray' };

const groupText = (values: unknown) =>
  values !== null && typeof values === 'object' && Object.keys(values).length > 0
    ? Object.entries(values)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ')
    : '(no grouping)';

/** One firing of an evaluation, with every attempt to deliver it. */
export function FiringDetails({ firing }: { firing: Firing }) {
  return (
    <Stack gap={4} data-testid="firing" data-status={firing.status}>
      <Group gap="xs">
        <Badge color={STATUS_COLORS[firing.status] ?? 'gray'} variant="filled" size="sm">
          {firing.status}
        </Badge>
        <SeverityBadge severity={firing.severity} />
        <Text size="xs" ff="monospace">
          {groupText(firing.groupValues)}
        </Text>
      </Group>
      <Text size="sm">{firing.text}</Text>
      {firing.deliveries.length === 0 ? (
        <Text size="xs" c="dimmed">
          No channel: in the message center only.
        </Text>
      ) : (
        <Table aria-label="Delivery attempts" verticalSpacing={2} fz="xs" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Channel</Table.Th>
              <Table.Th ta="right">Attempt</Table.Th>
              <Table.Th>OK</Table.Th>
              <Table.Th ta="right">Response code</Table.Th>
              <Table.Th>Error</Table.Th>
              <Table.Th>At</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {firing.deliveries.map((d) => (
              <Table.Tr key={`${d.channel}-${d.attempt}`} data-delivery-ok={d.ok}>
                <Table.Td>
                  {d.channel} ({d.kind})
                </Table.Td>
                <Table.Td ta="right">{d.attempt}</Table.Td>
                <Table.Td>{d.ok ? <Badge color="green">ok</Badge> : <Badge color="red">failed</Badge>}</Table.Td>
                <Table.Td ta="right">{d.responseCode ?? '—'}</Table.Td>
                <Table.Td>{d.error ?? ''}</Table.Td>
                <Table.Td>{timeAgo(d.at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
