import { clusterStorage, setRetention } from '@kubetrail/core';
import { recordConsoleChange } from '../audit';
import { ClusterInputSchema, ClusterRetentionInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';
import { projectCluster } from './project-cluster';

export const clusterRetentionRouter = router({
  storage: projectProcedure('viewer')
    .input(ClusterInputSchema)
    .query(async ({ ctx, input }) => clusterStorage(ctx.deps.pool, (await projectCluster(ctx, input.clusterId)).id)),
  set: projectProcedure('admin')
    .input(ClusterRetentionInputSchema)
    .mutation(async ({ ctx, input }) => {
      const cluster = await projectCluster(ctx, input.clusterId);
      const { before, after } = await setRetention(ctx.deps, cluster.id, input.days, ctx.projectId);
      await recordConsoleChange(ctx, {
        projectId: ctx.projectId,
        action: 'cluster.set-retention',
        target: { type: 'cluster', id: cluster.id, name: cluster.name },
        before: { retentionDays: before.retentionDays },
        after: { retentionDays: after.retentionDays },
      });
      return after;
    }),
});
