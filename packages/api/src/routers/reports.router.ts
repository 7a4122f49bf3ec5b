import { runOverviewReport } from '@kubetrail/core';
import { ReportInputSchema } from '../schemas/report-inputs';
import { projectProcedure, router } from '../trpc';

// A report is its panels' queries over the events: the role search needs.
const analystProcedure = projectProcedure('analyst');

export const reportsRouter = router({
  overview: analystProcedure
    .input(ReportInputSchema)
    .query(({ ctx, input: { clusterId, from, to, namespace, user, code } }) =>
      runOverviewReport(ctx.deps, { project: ctx.projectId, cluster: clusterId, from, to, filters: { namespace, user, code } }),
    ),
});
