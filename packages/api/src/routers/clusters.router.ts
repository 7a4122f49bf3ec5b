import { AppError } from '@kubetrail/contracts';
import { clusterDetail, createCluster, deleteCluster, fleetOverview, renameCluster, setAuditEnabled, viewCluster } from '@kubetrail/core';
import { recordConsoleChange } from '../audit';
import {
  ClusterAuditInputSchema,
  ClusterCreateInputSchema,
  ClusterDeleteInputSchema,
  ClusterInputSchema,
  ClusterRenameInputSchema,
} from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';
import { projectCluster } from './project-cluster';

const viewerProcedure = projectProcedure('viewer');
const adminProcedure = projectProcedure('admin');

export const clustersRouter = router({
  list: viewerProcedure.query(({ ctx }) => fleetOverview(ctx.deps.pool, ctx.projectId)),
  detail: viewerProcedure.input(ClusterInputSchema).query(async ({ ctx, input }) => {
    const detail = await clusterDetail(ctx.deps.pool, ctx.projectId, input.clusterId);
    if (!detail) throw new AppError('NOT_FOUND', `no cluster "${input.clusterId}"`);
    return detail;
  }),
  create: adminProcedure.input(ClusterCreateInputSchema).mutation(async ({ ctx, input }) => {
    const { token, tokenId, ...cluster } = await createCluster(ctx.deps, { project: ctx.projectId, ...input });
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: 'cluster.create',
      target: { type: 'cluster', id: cluster.id, name: cluster.name },
      after: { ...cluster, tokenId },
    });
    // The token's only appearance: the install page shows it once.
    return { cluster, token, tokenId };
  }),
  setAuditEnabled: adminProcedure.input(ClusterAuditInputSchema).mutation(async ({ ctx, input }) => {
    const before = viewCluster(await projectCluster(ctx, input.clusterId));
    const after = await setAuditEnabled(ctx.deps, before.id, input.enabled);
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: input.enabled ? 'cluster.enable-audit' : 'cluster.disable-audit',
      target: { type: 'cluster', id: before.id, name: before.name },
      before: { auditEnabled: before.auditEnabled },
      after: { auditEnabled: after.auditEnabled },
    });
    return after;
  }),
  rename: adminProcedure.input(ClusterRenameInputSchema).mutation(async ({ ctx, input }) => {
    const { before, after } = await renameCluster(ctx.deps, (await projectCluster(ctx, input.clusterId)).id, input.name, ctx.projectId);
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: 'cluster.rename',
      target: { type: 'cluster', id: before.id, name: after.name },
      before: { name: before.name },
      after: { name: after.name },
    });
    return after;
  }),
  delete: adminProcedure.input(ClusterDeleteInputSchema).mutation(async ({ ctx, input }) => {
    const { before } = await deleteCluster(ctx.deps, (await projectCluster(ctx, input.clusterId)).id, { confirmName: input.confirmName });
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: 'cluster.delete',
      target: { type: 'cluster', id: before.id, name: before.name },
      before,
    });
    return { deleted: before.id };
  }),
});
