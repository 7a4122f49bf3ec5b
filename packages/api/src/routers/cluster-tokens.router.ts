import { issueToken, listClusterTokens, revokeClusterToken } from '@kubetrail/core';
import { recordConsoleChange } from '../audit';
import { ClusterInputSchema, TokenInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';
import { projectCluster } from './project-cluster';

const adminProcedure = projectProcedure('admin');

// A token's secret is returned once, by the call that makes it; afterwards only its id and dates exist.
export const clusterTokensRouter = router({
  list: adminProcedure.input(ClusterInputSchema).query(async ({ ctx, input }) => {
    const cluster = await projectCluster(ctx, input.clusterId);
    return listClusterTokens(ctx.deps, cluster.id);
  }),
  issue: adminProcedure.input(ClusterInputSchema).mutation(async ({ ctx, input }) => {
    const cluster = await projectCluster(ctx, input.clusterId);
    const issued = await issueToken(ctx.deps, cluster.id);
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: 'token.issue',
      target: { type: 'cluster', id: cluster.id, name: cluster.name },
      after: { tokenId: issued.tokenId },
    });
    return issued;
  }),
  revoke: adminProcedure.input(TokenInputSchema).mutation(async ({ ctx, input }) => {
    const cluster = await projectCluster(ctx, input.clusterId);
    const revoked = await revokeClusterToken(ctx.deps, cluster.id, input.tokenId);
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: 'token.revoke',
      target: { type: 'cluster', id: cluster.id, name: cluster.name },
      before: { tokenId: input.tokenId },
      after: revoked,
    });
    return revoked;
  }),
  rotate: adminProcedure.input(TokenInputSchema).mutation(async ({ ctx, input }) => {
    const cluster = await projectCluster(ctx, input.clusterId);
    // The new token first: a failure in between must not leave the cluster without one.
    const issued = await issueToken(ctx.deps, cluster.id);
    const revoked = await revokeClusterToken(ctx.deps, cluster.id, input.tokenId);
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: 'token.rotate',
      target: { type: 'cluster', id: cluster.id, name: cluster.name },
      before: { tokenId: input.tokenId },
      after: { tokenId: issued.tokenId, revoked },
    });
    return issued;
  }),
});
