import type { CoreDeps } from '../shared/deps';
import { projectBill } from './project-bill';

export interface BudgetAlertView {
  projectId: string;
  month: string;
  projectedTotal: number;
  monthlyBudget: number;
  currency: string;
  firedAt: Date;
}

/** The month's budget alert of a project, if its projection went over the budget. */
export async function budgetAlert(deps: CoreDeps, projectId: string, month: string): Promise<BudgetAlertView | null> {
  return deps.db.budgetAlert.findUnique({ where: { projectId_month: { projectId, month } } });
}

/**
 * Projects every budgeted project's month and records an alert for each one
 * whose projection is over its budget. An alert fires once per project and
 * month: a later check finding it over again records nothing, so the hourly
 * job never repeats itself. Returns the alerts this run fired.
 */
export async function checkBudgets(deps: CoreDeps, options: { now?: Date } = {}): Promise<BudgetAlertView[]> {
  const now = options.now ?? new Date();
  const month = now.toISOString().slice(0, 7);
  const budgeted = await deps.db.priceList.findMany({ where: { monthlyBudget: { not: null } }, select: { projectId: true } });
  const fired: BudgetAlertView[] = [];
  for (const { projectId } of budgeted) {
    const bill = await projectBill(deps, { projectId, month, now });
    if (!bill.overBudget || bill.monthlyBudget === null) continue;
    const alert = {
      projectId,
      month,
      projectedTotal: bill.projectedTotal,
      monthlyBudget: bill.monthlyBudget,
      currency: bill.currency,
      firedAt: now,
    };
    const { count } = await deps.db.budgetAlert.createMany({ data: [alert], skipDuplicates: true });
    if (count === 1) fired.push(alert);
  }
  return fired;
}
