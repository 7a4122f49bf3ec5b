'use client';
import { Alert, Button, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { dateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import type { TestRun } from './alert-types';

const SINCE_DAYS = 7;

function TestRunResult({ run }: { run: TestRun }) {
  const fired = run.firing.reduce((sum, w) => sum + w.fired, 0);
  return (
    <Stack gap="xs">
      <Text fw={600} data-testid="test-run-summary">
        Would have fired {fired} {fired === 1 ? 'time' : 'times'} in {run.firing.length} of {run.windows} windows
      </Text>
      {run.skipped > 0 && (
        <Text size="sm" c="dimmed">
          {run.skipped} older windows were left out of the replay.
        </Text>
      )}
      {run.firing.length > 0 && (
        <Table aria-label="Windows that would have fired" verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Window</Table.Th>
              <Table.Th ta="right">Rows</Table.Th>
              <Table.Th ta="right">Matched</Table.Th>
              <Table.Th ta="right">Fired</Table.Th>
              <Table.Th ta="right">Throttled</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {run.firing.map((w) => (
              <Table.Tr key={new Date(w.to).toISOString()}>
                <Table.Td>
                  {dateTime(w.from)} – {dateTime(w.to)}
                </Table.Td>
                <Table.Td ta="right">{w.rows}</Table.Td>
                <Table.Td ta="right">{w.matched}</Table.Td>
                <Table.Td ta="right">{w.fired}</Table.Td>
                <Table.Td ta="right">{w.throttled}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Replays a saved rule over the last week's windows; nothing is sent or stored. */
export function TestRunButton({ ruleId, name }: { ruleId: string; name: string }) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const [opened, { open, close }] = useDisclosure(false);
  const run = useMutation(trpc.alerts.test.mutationOptions());
  return (
    <>
      <Button
        size="compact-xs"
        variant="default"
        onClick={() => {
          open();
          run.mutate({ projectId, rule: ruleId, sinceDays: SINCE_DAYS });
        }}
      >
        Test run (last {SINCE_DAYS} days)
      </Button>
      <Modal opened={opened} onClose={close} title={`Test run of ${name}, last ${SINCE_DAYS} days`} size="lg">
        {run.isPending && <Text size="sm">Replaying the windows…</Text>}
        {run.error && (
          <Alert color="red" title="The test run failed">
            {errorText(run.error)}
          </Alert>
        )}
        {run.data && <TestRunResult run={run.data} />}
      </Modal>
    </>
  );
}
