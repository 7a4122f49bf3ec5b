import { runQuery, searchFacets, searchHistogram } from '@kubetrail/core';
import { SearchFacetsInputSchema, SearchHistogramInputSchema, SearchRunInputSchema } from '../schemas/search-inputs';
import { projectProcedure, router } from '../trpc';

// Viewers read reports; querying the events takes an analyst.
const analystProcedure = projectProcedure('analyst');

// The project is the one projectProcedure checked the membership of; core
// looks the cluster up within that project only.
export const searchRouter = router({
  run: analystProcedure
    .input(SearchRunInputSchema)
    .query(({ ctx, input: { clusterId, ...input } }) => runQuery(ctx.deps, { ...input, project: ctx.projectId, cluster: clusterId })),
  histogram: analystProcedure
    .input(SearchHistogramInputSchema)
    .query(({ ctx, input: { clusterId, ...input } }) =>
      searchHistogram(ctx.deps, { ...input, project: ctx.projectId, cluster: clusterId }),
    ),
  facets: analystProcedure
    .input(SearchFacetsInputSchema)
    .query(({ ctx, input: { clusterId, ...input } }) => searchFacets(ctx.deps, { ...input, project: ctx.projectId, cluster: clusterId })),
});
