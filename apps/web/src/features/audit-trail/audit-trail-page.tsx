'use client';
import { Alert, Button, Code, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { dateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { ChangeSummary } from './change-summary';

const PAGE = 100;

export function AuditTrailPage() {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const pages = useInfiniteQuery({
    queryKey: [...trpc.auditTrail.list.queryKey({ projectId }), 'pages'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, client }) =>
      client.fetchQuery(trpc.auditTrail.list.queryOptions({ projectId, limit: PAGE, ...(pageParam ? { after: pageParam } : {}) })),
    getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)!.id : undefined),
  });
  const rows = pages.data?.pages.flat() ?? [];

  return (
    <Stack>
      <Title order={1} size="h3">
        Console audit trail
      </Title>
      <Text size="sm" c="dimmed">
        Every change made to this project through the console or the CLI: who, what, when, from where, before and after.
      </Text>
      {pages.isPending && <Skeleton h={200} aria-label="Loading the audit trail" />}
      {pages.error && (
        <Alert color="red" title="The audit trail could not be loaded">
          {errorText(pages.error)}
        </Alert>
      )}
      {pages.data && rows.length === 0 && <Alert title="No changes recorded yet">Changes appear here as they are made.</Alert>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={1000}>
          <Table aria-label="Audit trail" verticalSpacing={4} fz="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Via</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Change</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-action={r.action}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(r.at)}</Table.Td>
                  <Table.Td>{r.actor}</Table.Td>
                  <Table.Td>{r.via}</Table.Td>
                  <Table.Td>{r.ip ?? '—'}</Table.Td>
                  <Table.Td>
                    <Code>{r.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    {r.targetType} {r.targetName ?? r.targetId}
                  </Table.Td>
                  <Table.Td>
                    <ChangeSummary before={r.before} after={r.after} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            Older changes
          </Button>
        </Group>
      )}
    </Stack>
  );
}
