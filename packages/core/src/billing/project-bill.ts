import { daysOfMonth, monthlyBill, MONTH, type MonthlyBill, type UsageDay } from '@kubetrail/billing';
import { AppError } from '@kubetrail/contracts';
import { addDays, utcDay } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';
import { clusterUsage } from '../usage/cluster-usage';
import { projectPrices } from './price-lists';

export interface ProjectBill extends MonthlyBill {
  monthlyBudget: number | null;
  /** the projection is over the budget */
  overBudget: boolean;
  /** cost to date at the end of each elapsed day of the month */
  cumulative: { day: string; cost: number }[];
  /** the project's metered usage on each elapsed day of the month */
  daily: { day: string; ingestedGB: number; events: number }[];
}

export interface ProjectBillInput {
  projectId: string;
  month: string;
  /** price every cluster as if it kept this many days (a "what if") */
  retentionDays?: number;
  now?: Date;
}

export interface BillBasis {
  prices: Awaited<ReturnType<typeof projectPrices>>;
  usage: UsageDay[];
  retention: Map<string, number>;
  days: string[];
  today: string;
}

/** What a month's bill is computed from: the price list, the metered usage it needs and each cluster's retention. */
export async function billBasis(deps: CoreDeps, input: ProjectBillInput): Promise<BillBasis> {
  if (!MONTH.test(input.month)) throw new AppError('BAD_REQUEST', `"${input.month}" is not a month (YYYY-MM)`);
  const clusters = await deps.db.cluster.findMany({ where: { projectId: input.projectId }, select: { id: true, retentionDays: true } });
  const retention = new Map(clusters.map((c) => [c.id, input.retentionDays ?? c.retentionDays]));
  const days = daysOfMonth(input.month);
  const longest = Math.max(0, ...retention.values());
  // Partitions from before the month still cost storage while retention keeps them.
  const usage = await clusterUsage(deps, { projectId: input.projectId, from: addDays(days[0]!, -longest), to: days.at(-1)! });
  const prices = await projectPrices(deps, input.projectId);
  return { prices, usage, retention, days, today: utcDay(input.now ?? new Date()) };
}

/** A project's bill for a month from its metered usage and its price list. */
export async function projectBill(deps: CoreDeps, input: ProjectBillInput): Promise<ProjectBill> {
  const { prices, usage, retention, days, today } = await billBasis(deps, input);
  const bill = monthlyBill({ month: input.month, today, prices, usage, retentionDays: retention });
  const cumulative = days
    .filter((d) => d <= today)
    .map((d) => ({
      day: d,
      cost: monthlyBill({ month: input.month, today: d, prices, usage: usage.filter((u) => u.day <= d), retentionDays: retention }).total,
    }));
  const daily = days
    .filter((d) => d <= today)
    .map((d) => {
      const rows = usage.filter((u) => u.day === d);
      return {
        day: d,
        ingestedGB: rows.reduce((n, u) => n + u.ingestedBytes, 0) / 1e9,
        events: rows.reduce((n, u) => n + u.eventsStored, 0),
      };
    });
  const { monthlyBudget, ...priceList } = prices;
  return {
    ...bill,
    priceList,
    monthlyBudget,
    overBudget: monthlyBudget !== null && bill.projectedTotal > monthlyBudget,
    cumulative,
    daily,
  };
}
