'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/** After a cluster changes, every view of clusters is stale. */
export function useInvalidateClusters() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.clusters.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.clusterTokens.pathKey() }),
    ]);
}
