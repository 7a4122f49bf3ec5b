'use client';
import { Button, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';

/** Sends a test notification through the channel and says what its far end answered. */
export function SendTestButton({ channelId }: { channelId: string }) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const send = useMutation(trpc.alertChannels.test.mutationOptions());
  const r = send.data;
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="compact-xs" variant="default" loading={send.isPending} onClick={() => send.mutate({ projectId, channel: channelId })}>
        Send test
      </Button>
      {send.error && (
        <Text size="xs" c="red" data-testid="channel-test-result">
          {errorText(send.error)}
        </Text>
      )}
      {r && (
        <Text size="xs" c={r.ok ? 'green' : 'red'} data-testid="channel-test-result" data-ok={r.ok}>
          {r.ok ? 'ok' : (r.error ?? 'failed')}
          {r.responseCode !== undefined && ` (${r.responseCode})`}
        </Text>
      )}
    </Group>
  );
}
