import { dayNumber, daysOfMonth } from './calendar';
import type { PriceList } from './price-list';

/** One cluster's metered day, as usage reports it. */
export interface UsageDay {
  clusterId: string;
  day: string;
  eventsStored: number;
  /** bytes received on the wire that day */
  ingestedBytes: number;
  /** the size of that day's partition now (0 once retention dropped it) */
  storedBytes: number;
}

export interface ClusterBill {
  clusterId: string;
  ingestedGB: number;
  storedGBMonth: number;
  events: number;
  cost: number;
}

export interface MonthlyBill {
  month: string;
  currency: string;
  priceList: PriceList;
  clusters: ClusterBill[];
  total: number;
  /** the month's total if the rest of it goes as its elapsed days did; the total itself for a past month */
  projectedTotal: number;
}

export interface BillInput {
  month: string;
  /** today (UTC); days after it have not happened yet */
  today: string;
  prices: PriceList;
  usage: UsageDay[];
  /** each cluster's retention: a day's partition is held (and paid for) this many days */
  retentionDays: Map<string, number>;
}

const GB = 1e9;
const cents = (n: number) => Math.round(n * 100) / 100;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Storage is paid per day held: a day's partition counts on every day from
 * its own to the end of its retention, and each such day is 1/(days in month)
 * of a GB-month. `until` is the last day counted.
 */
function storedGBMonth(days: UsageDay[], monthDays: string[], until: string, retention: number): number {
  const last = dayNumber(until);
  const held = monthDays.map(dayNumber).filter((d) => d <= last);
  let byteDays = 0;
  for (const u of days) {
    const from = dayNumber(u.day);
    const end = from + retention;
    byteDays += u.storedBytes * held.filter((d) => d >= from && d < end).length;
  }
  return byteDays / GB / monthDays.length;
}

/**
 * The month's cost if it goes on as it went: ingest and events at the
 * elapsed days' average, the stored partitions held to the month's end under
 * retention, and each remaining day adding a partition the elapsed days'
 * average size. So another retention gives another projection.
 */
function projectedCost(rows: UsageDay[], monthDays: string[], today: string, retention: number, prices: PriceList): number {
  const elapsed = monthDays.filter((d) => d <= today);
  const future = monthDays.filter((d) => d > today);
  const billed = rows.filter((u) => elapsed.includes(u.day));
  const perDay = (f: (u: UsageDay) => number) => (elapsed.length ? billed.reduce((s, u) => s + f(u), 0) / elapsed.length : 0);
  const expected = [
    ...rows,
    ...future.map((day) => ({ clusterId: '', day, eventsStored: 0, ingestedBytes: 0, storedBytes: perDay((u) => u.storedBytes) })),
  ];
  const ingestedGB = (perDay((u) => u.ingestedBytes) * monthDays.length) / GB;
  const events = perDay((u) => u.eventsStored) * monthDays.length;
  const stored = storedGBMonth(expected, monthDays, monthDays.at(-1)!, retention);
  return ingestedGB * prices.perGBIngested + stored * prices.perGBMonthStored + (events / 1e6) * prices.perMillionEvents;
}

/** A project's bill for one month, per cluster, with the price list applied. */
export function monthlyBill({ month, today, prices, usage, retentionDays }: BillInput): MonthlyBill {
  const monthDays = daysOfMonth(month);
  const inMonth = new Set(monthDays);
  const clusters = [...new Set(usage.map((u) => u.clusterId))].sort().map((clusterId): ClusterBill & { projected: number } => {
    const rows = usage.filter((u) => u.clusterId === clusterId);
    const billed = rows.filter((u) => inMonth.has(u.day));
    const ingestedGB = billed.reduce((s, u) => s + u.ingestedBytes, 0) / GB;
    const events = billed.reduce((s, u) => s + u.eventsStored, 0);
    const retention = retentionDays.get(clusterId) ?? 30;
    const stored = storedGBMonth(rows, monthDays, today, retention);
    const cost = ingestedGB * prices.perGBIngested + stored * prices.perGBMonthStored + (events / 1e6) * prices.perMillionEvents;
    const projected = today >= monthDays.at(-1)! ? cost : projectedCost(rows, monthDays, today, retention, prices);
    return { clusterId, ingestedGB: round(ingestedGB, 6), storedGBMonth: round(stored, 6), events, cost: cents(cost), projected };
  });
  const total = cents(clusters.reduce((s, c) => s + c.cost, 0));
  const projectedTotal = monthDays[0]! > today ? 0 : cents(clusters.reduce((s, c) => s + c.projected, 0));
  return {
    month,
    currency: prices.currency,
    priceList: prices,
    clusters: clusters.map(({ projected: _projected, ...c }) => c),
    total,
    projectedTotal,
  };
}
