'use client';
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { dateTime, timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { keepFreshToken } from './token-store';
import { useInvalidateClusters } from './use-cluster-mutation';

interface Props {
  clusterId: string;
  token: string | null;
  onNewToken: (token: string) => void;
}

export function TokensCard({ clusterId, token, onNewToken }: Props) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const invalidate = useInvalidateClusters();
  const tokens = useQuery(trpc.clusterTokens.list.queryOptions({ projectId, clusterId }));
  const onIssued = async ({ token: issued }: { token: string }) => {
    keepFreshToken(clusterId, issued);
    onNewToken(issued);
    await invalidate();
  };
  const onError = (error: unknown) => notifications.show({ color: 'red', title: 'Token not changed', message: errorText(error) });
  const issue = useMutation(trpc.clusterTokens.issue.mutationOptions({ onSuccess: onIssued, onError }));
  const rotate = useMutation(trpc.clusterTokens.rotate.mutationOptions({ onSuccess: onIssued, onError }));
  const revoke = useMutation(trpc.clusterTokens.revoke.mutationOptions({ onSuccess: () => invalidate(), onError }));

  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h5">
            Agent tokens
          </Title>
          <Button size="xs" variant="light" loading={issue.isPending} onClick={() => issue.mutate({ projectId, clusterId })}>
            Issue new token
          </Button>
        </Group>
        {token ? (
          <Alert color="yellow" title="Copy this token now: it is shown only once">
            <Group gap="xs" wrap="nowrap">
              <Code data-testid="cluster-token" style={{ wordBreak: 'break-all' }}>
                {token}
              </Code>
              <CopyButton value={token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" mt="xs">
              It is already filled into the files below.
            </Text>
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            Token secrets are shown only when they are issued. The files below hold a placeholder; issue or rotate a token to fill it in.
          </Text>
        )}
        {tokens.error && <Text c="red">{errorText(tokens.error)}</Text>}
        {tokens.data && (
          <Table aria-label="Tokens" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Token</Table.Th>
                <Table.Th>Issued</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((t) => (
                <Table.Tr key={t.id} data-token-id={t.id}>
                  <Table.Td ff="monospace">{t.id}</Table.Td>
                  <Table.Td title={dateTime(t.createdAt)}>{timeAgo(t.createdAt)}</Table.Td>
                  <Table.Td>{timeAgo(t.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    {t.revokedAt ? <Badge color="gray">revoked {timeAgo(t.revokedAt)}</Badge> : <Badge color="green">live</Badge>}
                  </Table.Td>
                  <Table.Td>
                    {!t.revokedAt && (
                      <Group gap={4} justify="flex-end">
                        <Button size="compact-xs" variant="default" onClick={() => rotate.mutate({ projectId, clusterId, tokenId: t.id })}>
                          Rotate
                        </Button>
                        <Button
                          size="compact-xs"
                          color="red"
                          variant="subtle"
                          onClick={() => revoke.mutate({ projectId, clusterId, tokenId: t.id })}
                        >
                          Revoke
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
