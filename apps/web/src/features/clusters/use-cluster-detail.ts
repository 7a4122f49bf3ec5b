'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';

/** One cluster of the current project, refreshed so heartbeats show as they arrive. */
export function useClusterDetail(clusterId: string, refetchInterval = 5_000) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  return useQuery({ ...trpc.clusters.detail.queryOptions({ projectId, clusterId }), refetchInterval });
}
