import { deleteSavedQuery, listSavedQueries, saveQuery } from '@kubetrail/core';
import { recordConsoleChange, recordSave } from '../audit';
import { SavedQueryRefInputSchema, SavedQuerySaveInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';

// Saved queries only serve the search page, which takes an analyst: viewers see reports, not queries over the events.
const analystProcedure = projectProcedure('analyst');

export const savedQueriesRouter = router({
  list: analystProcedure.query(({ ctx }) => listSavedQueries(ctx.deps, ctx.projectId)),
  save: analystProcedure.input(SavedQuerySaveInputSchema).mutation(async ({ ctx, input: { name, query, description } }) => {
    const saved = await saveQuery(ctx.deps, ctx.projectId, ctx.userId, { name, query, description });
    await recordSave(ctx, 'saved-query', saved, saved.savedQuery);
    return saved;
  }),
  delete: analystProcedure.input(SavedQueryRefInputSchema).mutation(async ({ ctx, input }) => {
    const deleted = await deleteSavedQuery(ctx.deps, ctx.projectId, input.savedQuery);
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: 'saved-query.delete',
      target: { type: 'saved-query', id: deleted.id, name: deleted.name },
      before: deleted,
    });
    return { deleted: true };
  }),
});
