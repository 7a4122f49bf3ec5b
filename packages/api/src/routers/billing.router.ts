import { budgetAlert, policyWhatIf, projectBill, projectPrices, setProjectPrices } from '@kubetrail/core';
import { recordConsoleChange } from '../audit';
import { BillInputSchema, BudgetAlertInputSchema, PolicyWhatIfInputSchema, PricesInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';

// Admins see what the project costs; only owners change what it is charged.
export const billingRouter = router({
  bill: projectProcedure('admin')
    .input(BillInputSchema)
    .query(({ ctx, input }) => projectBill(ctx.deps, { ...input, projectId: ctx.projectId })),
  budgetAlert: projectProcedure('admin')
    .input(BudgetAlertInputSchema)
    .query(({ ctx, input }) => budgetAlert(ctx.deps, ctx.projectId, input.month)),
  // A mutation only so the policy travels in a POST body: it changes nothing.
  policyWhatIf: projectProcedure('admin')
    .input(PolicyWhatIfInputSchema)
    .mutation(({ ctx, input }) => policyWhatIf(ctx.deps, { ...input, projectId: ctx.projectId })),
  prices: projectProcedure('admin').query(({ ctx }) => projectPrices(ctx.deps, ctx.projectId)),
  setPrices: projectProcedure('owner')
    .input(PricesInputSchema)
    .mutation(async ({ ctx, input: { projectId, ...prices } }) => {
      const { before, after } = await setProjectPrices(ctx.deps, projectId, prices);
      await recordConsoleChange(ctx, {
        projectId,
        action: 'billing.set-prices',
        target: { type: 'project', id: projectId },
        before,
        after,
      });
      return after;
    }),
});
