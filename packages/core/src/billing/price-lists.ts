import { DEFAULT_PRICE_LIST, priceListProblem, type PriceList } from '@kubetrail/billing';
import { AppError } from '@kubetrail/contracts';
import type { CoreDeps } from '../shared/deps';

export interface ProjectPrices extends PriceList {
  /** alert when the month's projected cost exceeds it; null for none */
  monthlyBudget: number | null;
}

type Db = Pick<CoreDeps, 'db'>;

export async function projectPrices({ db }: Db, projectId: string): Promise<ProjectPrices> {
  const row = await db.priceList.findUnique({ where: { projectId } });
  if (!row) return { ...DEFAULT_PRICE_LIST, monthlyBudget: null };
  return {
    currency: row.currency,
    perGBIngested: row.perGBIngested,
    perGBMonthStored: row.perGBMonthStored,
    perMillionEvents: row.perMillionEvents,
    monthlyBudget: row.monthlyBudget,
  };
}

export async function setProjectPrices(
  deps: Db,
  projectId: string,
  prices: ProjectPrices,
): Promise<{ before: ProjectPrices; after: ProjectPrices }> {
  const problem = priceListProblem(prices);
  if (problem) throw new AppError('BAD_REQUEST', problem);
  if (prices.monthlyBudget !== null && (!Number.isFinite(prices.monthlyBudget) || prices.monthlyBudget < 0))
    throw new AppError('BAD_REQUEST', 'monthlyBudget must be a number of 0 or more, or none');
  const before = await projectPrices(deps, projectId);
  const data = {
    currency: prices.currency,
    perGBIngested: prices.perGBIngested,
    perGBMonthStored: prices.perGBMonthStored,
    perMillionEvents: prices.perMillionEvents,
    monthlyBudget: prices.monthlyBudget,
  };
  await deps.db.priceList.upsert({ where: { projectId }, create: { projectId, ...data }, update: data });
  return { before, after: await projectPrices(deps, projectId) };
}
