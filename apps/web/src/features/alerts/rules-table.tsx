'use client';
import { Button, Group, Table, Text } from '@mantine/core';
import { dateTime, timeAgo } from '../../lib/format';
import type { AlertRuleRow } from './alert-types';
import { DeleteRuleButton } from './delete-rule-button';
import { RuleEnabledSwitch } from './rule-enabled-switch';
import { SeverityBadge } from './severity-badge';
import { TestRunButton } from './test-run-button';

const schedule = (r: AlertRuleRow) =>
  `every ${r.everyMinutes} min` + (r.windowMinutes !== r.everyMinutes ? `, over ${r.windowMinutes} min` : '');

export function RulesTable({
  rules,
  canWrite,
  onEdit,
}: {
  rules: AlertRuleRow[];
  canWrite: boolean;
  onEdit: (rule: AlertRuleRow) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label="Alert rules" striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Enabled</Table.Th>
            <Table.Th>Schedule</Table.Th>
            <Table.Th>Clusters</Table.Th>
            <Table.Th>Channels</Table.Th>
            <Table.Th>Last window end</Table.Th>
            {canWrite && <Table.Th aria-label="Actions" />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((r) => (
            <Table.Tr key={r.id} data-rule={r.name}>
              <Table.Td fw={500}>{r.name}</Table.Td>
              <Table.Td>
                <SeverityBadge severity={r.severity} />
              </Table.Td>
              <Table.Td>
                <RuleEnabledSwitch ruleId={r.id} name={r.name} enabled={r.enabled} />
              </Table.Td>
              <Table.Td>{schedule(r)}</Table.Td>
              <Table.Td>
                {r.clusters.length ? (
                  r.clusters.join(', ')
                ) : (
                  <Text span c="dimmed">
                    all
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {r.channels.length ? (
                  r.channels.join(', ')
                ) : (
                  <Text span c="dimmed">
                    messages only
                  </Text>
                )}
              </Table.Td>
              <Table.Td title={r.lastWindowEnd ? timeAgo(r.lastWindowEnd) : undefined} data-testid="last-window-end">
                {r.lastWindowEnd ? dateTime(r.lastWindowEnd) : 'not run yet'}
              </Table.Td>
              {canWrite && (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-xs" variant="default" onClick={() => onEdit(r)}>
                      Edit
                    </Button>
                    <TestRunButton ruleId={r.id} name={r.name} />
                    <DeleteRuleButton ruleId={r.id} name={r.name} />
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
