'use client';
import { Alert, Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { dateTime, timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import type { AlertMessage } from './alert-types';
import { SeverityBadge } from './severity-badge';

function MessageCard({ message, onRead }: { message: AlertMessage; onRead: () => void }) {
  return (
    <Card
      withBorder
      data-message={message.id}
      data-read={message.read}
      style={message.read ? undefined : { borderLeft: '4px solid var(--mantine-primary-color-filled)' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            {!message.read && (
              <Badge size="xs" variant="filled">
                unread
              </Badge>
            )}
            <SeverityBadge severity={message.severity} />
            <Badge size="xs" variant="outline" color={message.status === 'resolved' ? 'green' : 'red'}>
              {message.status}
            </Badge>
            <Text fw={message.read ? 400 : 700}>{message.title}</Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {message.body}
          </Text>
          <Text size="xs" c="dimmed" title={dateTime(message.createdAt)}>
            {timeAgo(message.createdAt)}
          </Text>
        </Stack>
        {!message.read && (
          <Button size="compact-xs" variant="subtle" onClick={onRead} style={{ flexShrink: 0 }}>
            Mark read
          </Button>
        )}
      </Group>
    </Card>
  );
}

export function MessagesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const projectId = useProjects().current!.id;
  const messages = useQuery({ ...trpc.messages.list.queryOptions({ projectId }), refetchInterval: 10_000 });
  const markRead = useMutation(
    trpc.messages.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.messages.pathKey() }),
      onError: (error) => notifications.show({ color: 'red', title: 'Not marked read', message: errorText(error) }),
    }),
  );
  const unread = messages.data?.filter((m) => !m.read).length ?? 0;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h4">
          Message center
        </Title>
        <Button variant="default" disabled={unread === 0} loading={markRead.isPending} onClick={() => markRead.mutate({ projectId })}>
          Mark all read
        </Button>
      </Group>
      {messages.isPending && <Skeleton h={160} aria-label="Loading messages" />}
      {messages.error && (
        <Alert color="red" title="Messages could not be loaded">
          {errorText(messages.error)}
        </Alert>
      )}
      {messages.data?.length === 0 && (
        <Alert title="No messages yet">Every notification of this project&apos;s alert rules appears here.</Alert>
      )}
      {messages.data?.map((m) => (
        <MessageCard key={m.id} message={m} onRead={() => markRead.mutate({ projectId, messageIds: [m.id] })} />
      ))}
    </Stack>
  );
}
