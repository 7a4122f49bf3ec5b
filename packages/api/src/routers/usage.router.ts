import { clusterUsage } from '@kubetrail/core';
import { UsageInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';

export const usageRouter = router({
  list: projectProcedure('viewer')
    .input(UsageInputSchema)
    .query(({ ctx, input }) => clusterUsage(ctx.deps, { ...input, projectId: ctx.projectId })),
});
