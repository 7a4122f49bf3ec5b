'use client';
import { Alert, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { SeverityBadge } from './severity-badge';
import { useInvalidateAlerts } from './use-invalidate-alerts';

/** The built-in detections, each one click from a rule of its own (made again, the same rule is updated). */
export function DetectionsCard() {
  const trpc = useTRPC();
  const project = useProjects().current!;
  const invalidate = useInvalidateAlerts();
  const detections = useQuery(trpc.alerts.detections.queryOptions({ projectId: project.id }));
  const create = useMutation(
    trpc.alerts.fromDetection.mutationOptions({
      onSuccess: async ({ rule, created }) => {
        await invalidate();
        notifications.show({ message: `Rule "${rule.name}" ${created ? 'created' : 'already exists; updated'}` });
      },
      onError: (error) => notifications.show({ color: 'red', title: 'No rule made', message: errorText(error) }),
    }),
  );
  const canWrite = project.can('analyst');
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h5">
          From detection
        </Title>
        <Text size="sm" c="dimmed">
          Built-in detections with their thresholds in the query: a rule made from one fires on any row, over the detection&apos;s own
          window.
        </Text>
        {detections.error && <Alert color="red">{errorText(detections.error)}</Alert>}
        {detections.data && (
          <Table.ScrollContainer minWidth={700}>
            <Table aria-label="Detections" verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Detection</Table.Th>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>ATT&amp;CK technique</Table.Th>
                  {canWrite && <Table.Th aria-label="Actions" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {detections.data.map((d) => (
                  <Table.Tr key={d.id} data-detection={d.id}>
                    <Table.Td ff="monospace">{d.id}</Table.Td>
                    <Table.Td title={d.explanation}>{d.title}</Table.Td>
                    <Table.Td>
                      <SeverityBadge severity={d.severity} />
                    </Table.Td>
                    <Table.Td>
                      {d.technique.id} {d.technique.name}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="light"
                          loading={create.isPending && create.variables.detection === d.id}
                          onClick={() => create.mutate({ projectId: project.id, detection: d.id })}
                        >
                          Create rule
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
