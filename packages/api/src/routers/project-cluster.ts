import { AppError } from '@kubetrail/contracts';
import type { Cluster } from '@kubetrail/db';
import type { ApiContext } from '../trpc';

/**
 * The cluster with this id in the caller's project. A cluster of another
 * project gets the same answer as an unknown id, so ids cannot be probed.
 */
export async function projectCluster(ctx: ApiContext & { projectId: string }, clusterId: string): Promise<Cluster> {
  const cluster = await ctx.deps.db.cluster.findFirst({ where: { id: clusterId, projectId: ctx.projectId } });
  if (!cluster) throw new AppError('NOT_FOUND', `no cluster "${clusterId}"`);
  return cluster;
}
