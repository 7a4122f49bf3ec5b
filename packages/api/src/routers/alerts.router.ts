import {
  alertHistory,
  checkRule,
  deleteRule,
  detectionRuleSpec,
  listDetections,
  listRules,
  RULE_TEMPLATES,
  saveRule,
  setRuleEnabled,
  testRule,
} from '@kubetrail/core';
import { recordConsoleChange, recordSave } from '../audit';
import {
  AlertFromDetectionInputSchema,
  AlertHistoryInputSchema,
  AlertRuleCheckInputSchema,
  AlertRuleEnableInputSchema,
  AlertRuleRefInputSchema,
  AlertRuleSaveInputSchema,
  AlertRuleTestInputSchema,
} from '../schemas/console-inputs';
import { projectProcedure, router, type ApiContext } from '../trpc';

const DAY_MS = 86_400_000;

type SavedRule = Awaited<ReturnType<typeof saveRule>>;

async function recordSaved(ctx: ApiContext & { userId: string; projectId: string }, saved: SavedRule): Promise<SavedRule> {
  await recordSave(ctx, 'alert-rule', saved, saved.rule);
  return saved;
}

// Everyone in the project sees rules and their history; analysts and up write them.
export const alertsRouter = router({
  rules: projectProcedure('viewer').query(({ ctx }) => listRules(ctx.deps, ctx.projectId)),
  history: projectProcedure('viewer')
    .input(AlertHistoryInputSchema)
    .query(({ ctx, input }) =>
      alertHistory(ctx.deps, ctx.projectId, {
        ...input,
        from: input.from === undefined ? undefined : new Date(input.from),
        to: input.to === undefined ? undefined : new Date(input.to),
      }),
    ),
  detections: projectProcedure('viewer').query(() => listDetections()),
  templates: projectProcedure('viewer').query(() => RULE_TEMPLATES),
  // A mutation so the query and condition travel in the body; it stores nothing.
  check: projectProcedure('analyst')
    .input(AlertRuleCheckInputSchema)
    .mutation(({ input }) => checkRule(input)),
  save: projectProcedure('analyst')
    .input(AlertRuleSaveInputSchema)
    .mutation(async ({ ctx, input }) => {
      return recordSaved(ctx, await saveRule(ctx.deps, ctx.projectId, input.rule));
    }),
  fromDetection: projectProcedure('analyst')
    .input(AlertFromDetectionInputSchema)
    .mutation(async ({ ctx, input }) => {
      return recordSaved(ctx, await saveRule(ctx.deps, ctx.projectId, { ...detectionRuleSpec(input.detection), channels: input.channels }));
    }),
  setEnabled: projectProcedure('analyst')
    .input(AlertRuleEnableInputSchema)
    .mutation(async ({ ctx, input }) => {
      const rule = await setRuleEnabled(ctx.deps, ctx.projectId, input.rule, input.enabled);
      await recordConsoleChange(ctx, {
        projectId: ctx.projectId,
        action: input.enabled ? 'alert-rule.enable' : 'alert-rule.disable',
        target: { type: 'alert-rule', id: rule.id, name: rule.name },
      });
      return rule;
    }),
  delete: projectProcedure('analyst')
    .input(AlertRuleRefInputSchema)
    .mutation(async ({ ctx, input }) => {
      const rule = (await listRules(ctx.deps, ctx.projectId)).find((r) => r.id === input.rule || r.name === input.rule);
      await deleteRule(ctx.deps, ctx.projectId, input.rule);
      await recordConsoleChange(ctx, {
        projectId: ctx.projectId,
        action: 'alert-rule.delete',
        target: { type: 'alert-rule', id: rule?.id ?? input.rule, name: rule?.name ?? null },
        before: rule,
      });
      return { deleted: true };
    }),
  // Reads only, but may run thousands of window queries: a mutation, so nothing retries or caches it.
  test: projectProcedure('analyst')
    .input(AlertRuleTestInputSchema)
    .mutation(({ ctx, input }) => {
      const now = new Date();
      return testRule(ctx.deps, ctx.projectId, input.rule, new Date(now.getTime() - input.sinceDays * DAY_MS), now);
    }),
});
