'use client';
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/** One cluster of the project or all of them; a link may name the cluster by id or by name. */
export function ClusterSelect({
  projectId,
  value,
  onChange,
}: {
  projectId: string;
  value: string | null;
  onChange: (cluster: string | null) => void;
}) {
  const trpc = useTRPC();
  const clusters = useQuery(trpc.clusters.list.queryOptions({ projectId }));
  const list = clusters.data ?? [];
  const chosen = list.find((c) => c.clusterId === value || c.clusterName === value);
  return (
    <Select
      label="Cluster"
      placeholder="All clusters"
      data={list.map((c) => ({ value: c.clusterId, label: c.clusterName }))}
      value={chosen?.clusterId ?? null}
      onChange={onChange}
      clearable
      searchable
      w={220}
    />
  );
}
