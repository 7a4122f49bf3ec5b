/** What a project pays: per GB received, per GB kept for a month, per million events stored. */
export interface PriceList {
  currency: string;
  perGBIngested: number;
  perGBMonthStored: number;
  perMillionEvents: number;
}

// Near the public list prices of the managed log services (ingest a few
// tenths of a dollar per GB, storage a few cents per GB-month).
export const DEFAULT_PRICE_LIST: PriceList = {
  currency: 'USD',
  perGBIngested: 0.5,
  perGBMonthStored: 0.03,
  perMillionEvents: 0.1,
};

/** The problem with a price list, or null when it can be used. */
export function priceListProblem(p: PriceList): string | null {
  if (!/^[A-Z]{3}$/.test(p.currency)) return 'currency must be a three-letter code such as USD';
  for (const key of ['perGBIngested', 'perGBMonthStored', 'perMillionEvents'] as const)
    if (!Number.isFinite(p[key]) || p[key] < 0 || p[key] > 1_000_000) return `${key} must be a number from 0 to 1000000`;
  return null;
}
