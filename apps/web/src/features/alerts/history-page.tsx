'use client';
import { Alert, Badge, Checkbox, Group, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { errorText } from '../../lib/error-text';
import { dateTime, timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { FiringDetails } from './firing-details';
import { utcInput } from './history-window';

const COLUMNS = 7;

export function HistoryPage() {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const [rule, setRule] = useState<string | null>(null);
  const [firedOnly, setFiredOnly] = useState(false);
  const [fromText, setFrom] = useState('');
  const [toText, setTo] = useState('');
  const from = utcInput(fromText);
  const until = utcInput(toText);
  const rules = useQuery(trpc.alerts.rules.queryOptions({ projectId }));
  const history = useQuery({
    ...trpc.alerts.history.queryOptions({
      projectId,
      firedOnly,
      ...(rule ? { rule } : {}),
      ...(from ? { from: from.toISOString() } : {}),
      ...(until ? { to: until.toISOString() } : {}),
    }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const evaluations = history.data ?? [];

  return (
    <Stack>
      <Title order={2} size="h4">
        History
      </Title>
      <Group align="flex-end">
        <Select
          label="Rule"
          placeholder="All rules"
          data={(rules.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={rule}
          onChange={setRule}
          clearable
          w={260}
        />
        <TextInput label="From (UTC)" type="datetime-local" value={fromText} onChange={(e) => setFrom(e.currentTarget.value)} w={220} />
        <TextInput label="To (UTC)" type="datetime-local" value={toText} onChange={(e) => setTo(e.currentTarget.value)} w={220} />
        <Checkbox
          label="Only windows that fired or failed"
          checked={firedOnly}
          onChange={(e) => setFiredOnly(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {history.isPending && <Skeleton h={160} aria-label="Loading history" />}
      {history.error && (
        <Alert color="red" title="The history could not be loaded">
          {errorText(history.error)}
        </Alert>
      )}
      {history.data && evaluations.length === 0 && (
        <Alert title="No evaluations">No window of these rules was evaluated in this range yet.</Alert>
      )}
      {evaluations.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="Evaluations" verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Rule</Table.Th>
                <Table.Th>Window</Table.Th>
                <Table.Th>Evaluated</Table.Th>
                <Table.Th ta="right">Rows</Table.Th>
                <Table.Th ta="right">Matched</Table.Th>
                <Table.Th ta="right">Fired</Table.Th>
                <Table.Th>Error</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {evaluations.map((e) => (
                <Fragment key={e.id}>
                  <Table.Tr data-evaluation={e.rule} data-fired={e.fired}>
                    <Table.Td fw={500}>{e.rule}</Table.Td>
                    <Table.Td>
                      {dateTime(e.windowFrom)} – {dateTime(e.windowTo)}
                      {e.skippedWindows > 0 && (
                        <Badge ml="xs" color="gray" size="xs" title="older windows missed while the worker was down, not evaluated">
                          {e.skippedWindows} skipped
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td title={dateTime(e.evaluatedAt)}>{timeAgo(e.evaluatedAt)}</Table.Td>
                    <Table.Td ta="right">{e.rows}</Table.Td>
                    <Table.Td ta="right">{e.matched}</Table.Td>
                    <Table.Td ta="right">{e.fired}</Table.Td>
                    <Table.Td>
                      {e.error && (
                        <Text size="sm" c="red">
                          {e.error}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                  {e.firings.length > 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={COLUMNS} pl="xl">
                        <Stack gap="sm">
                          {e.firings.map((f) => (
                            <FiringDetails key={f.id} firing={f} />
                          ))}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
