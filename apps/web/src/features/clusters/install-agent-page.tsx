'use client';
import { Alert, Anchor, Breadcrumbs, Group, Loader, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { InstallFilesTabs } from './install-files-tabs';
import { TokensCard } from './tokens-card';
import { freshToken } from './token-store';
import { useClusterDetail } from './use-cluster-detail';

function ConnectionStatus({ clusterId }: { clusterId: string }) {
  // Polled quickly: this is the page people watch while they install.
  const detail = useClusterDetail(clusterId, 2_000);
  if (!detail.data) return null;
  if (!detail.data.lastHeartbeatAt)
    return (
      <Alert color="gray" data-testid="install-waiting" title="Waiting for the agent" icon={<Loader size="xs" />}>
        Nothing has called in for this cluster yet. Apply the files below; this turns green with the agent&apos;s first heartbeat.
      </Alert>
    );
  return (
    <Alert
      color="green"
      data-testid="install-connected"
      title="Agent connected"
      icon={
        <ThemeIcon color="green" size="sm" radius="xl">
          ✓
        </ThemeIcon>
      }
    >
      First heartbeat received; last one {timeAgo(detail.data.lastHeartbeatAt)} from agent {detail.data.agentVersion ?? ''}.
    </Alert>
  );
}

export function InstallAgentPage({ clusterId }: { clusterId: string }) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const target = useQuery(trpc.clusterInstall.target.queryOptions({ projectId, clusterId }));
  const [token, setToken] = useState<string | null>(() => freshToken(clusterId));

  if (target.isPending) return <Skeleton h={300} aria-label="Loading install files" />;
  if (target.error)
    return (
      <Alert color="red" title="Install files not available">
        {errorText(target.error)}
      </Alert>
    );
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} href="/clusters">
          Clusters
        </Anchor>
        <Anchor component={Link} href={`/clusters/${clusterId}`}>
          {target.data.clusterName}
        </Anchor>
        <Text>Install agent</Text>
      </Breadcrumbs>
      <Group justify="space-between">
        <Title order={1} size="h3">
          Install the agent on {target.data.clusterName}
        </Title>
      </Group>
      <ConnectionStatus clusterId={clusterId} />
      <TokensCard clusterId={clusterId} token={token} onNewToken={setToken} />
      <InstallFilesTabs target={{ ...target.data, token }} />
    </Stack>
  );
}
