import { roleAtLeast } from '@kubetrail/contracts';
import { moveCluster } from '@kubetrail/core';
import { TRPCError } from '@trpc/server';
import { recordConsoleChange } from '../audit';
import { ClusterMoveInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';
import { projectCluster } from './project-cluster';

export const clusterMoveRouter = router({
  /** Needs admin in both projects: the source is checked by projectProcedure, the target here, with the same answers. */
  move: projectProcedure('admin')
    .input(ClusterMoveInputSchema)
    .mutation(async ({ ctx, input }) => {
      const cluster = await projectCluster(ctx, input.clusterId);
      const target = await ctx.deps.db.membership.findUnique({
        where: { userId_projectId: { userId: ctx.userId, projectId: input.targetProjectId } },
      });
      if (!target) throw new TRPCError({ code: 'NOT_FOUND', message: `no project "${input.targetProjectId}"` });
      if (!roleAtLeast(target.role, 'admin'))
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `moving a cluster needs the admin role in the target project too; yours is ${target.role}`,
        });
      const { before, after } = await moveCluster(ctx.deps, cluster.id, input.targetProjectId, { sourceProjectId: ctx.projectId });
      // Recorded in both projects, so each one's trail shows where the cluster went or came from.
      for (const projectId of [before.projectId, after.projectId])
        await recordConsoleChange(ctx, {
          projectId,
          action: 'cluster.move',
          target: { type: 'cluster', id: cluster.id, name: cluster.name },
          before: { projectId: before.projectId },
          after: { projectId: after.projectId },
        });
      return after;
    }),
});
