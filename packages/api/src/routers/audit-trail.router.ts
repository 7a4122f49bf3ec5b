import { listChanges } from '@kubetrail/core';
import { AuditTrailInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';

export const auditTrailRouter = router({
  list: projectProcedure('admin')
    .input(AuditTrailInputSchema)
    .query(({ ctx, input }) => listChanges(ctx.deps, ctx.projectId, input)),
});
