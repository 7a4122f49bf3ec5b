import { test } from 'node:test';
import assert from 'node:assert/strict';
import { billCsv, daysOfMonth, DEFAULT_PRICE_LIST, monthlyBill, priceListProblem, type UsageDay } from '../src/index';

const day = (clusterId: string, d: string, over: Partial<UsageDay> = {}): UsageDay => ({
  clusterId,
  day: d,
  eventsStored: 0,
  ingestedBytes: 0,
  storedBytes: 0,
  ...over,
});
const prices = { currency: 'USD', perGBIngested: 0.5, perGBMonthStored: 0.03, perMillionEvents: 0.1 };

test('a past month: ingest, events and a partition held all month', () => {
  const bill = monthlyBill({
    month: '2026-11',
    today: '2026-12-06',
    prices,
    usage: [day('c-a', '2026-11-01', { ingestedBytes: 2e9, eventsStored: 1_000_000, storedBytes: 3e9 })],
    retentionDays: new Map([['c-a', 30]]),
  });
  // 2 GB × 0.5 + 1 M events × 0.1 + (3 GB × 30 of 30 days = 3 GB-month) × 0.03
  assert.deepEqual(bill.clusters, [{ clusterId: 'c-a', ingestedGB: 2, storedGBMonth: 3, events: 1_000_000, cost: 1.19 }]);
  assert.equal(bill.total, 1.19);
  assert.equal(bill.projectedTotal, 1.19);
});

test('a shorter retention holds each day for fewer days, so storage costs less', () => {
  const input = {
    month: '2026-11',
    today: '2026-12-06',
    prices,
    usage: [day('c-a', '2026-11-01', { ingestedBytes: 2e9, eventsStored: 1_000_000, storedBytes: 3e9 })],
  };
  const week = monthlyBill({ ...input, retentionDays: new Map([['c-a', 7]]) });
  assert.equal(week.clusters[0]!.storedGBMonth, 0.7);
  assert.equal(week.total, 1.12);
});

test('the current month counts elapsed days only and projects the rest', () => {
  const bill = monthlyBill({
    month: '2026-12',
    today: '2026-12-10',
    prices,
    usage: [day('c-a', '2026-12-01', { ingestedBytes: 1e9, storedBytes: 1e9 }), day('c-a', '2026-11-30', { ingestedBytes: 5e9 })],
    retentionDays: new Map([['c-a', 30]]),
  });
  // November's ingest is not December's; the Dec 1 partition is held 10 of 31 days.
  assert.equal(bill.clusters[0]!.ingestedGB, 1);
  assert.equal(bill.clusters[0]!.storedGBMonth, 0.322581);
  assert.equal(bill.total, 0.51);
  // Ingest at 0.1 GB a day for 31 days (1.55); the Dec 1 partition held 30 days and 21 more
  // days each adding 0.1 GB held to the month's end: 53.1 GB-days / 31 × 0.03.
  assert.equal(bill.projectedTotal, 1.6);
  const shorter = monthlyBill({
    month: '2026-12',
    today: '2026-12-10',
    prices,
    usage: [day('c-a', '2026-12-01', { ingestedBytes: 1e9, storedBytes: 1e9 })],
    retentionDays: new Map([['c-a', 7]]),
  });
  // Each partition held at most 7 days: 19.6 GB-days.
  assert.equal(shorter.projectedTotal, 1.57);
});

test('a partition from the previous month still costs storage while retention keeps it', () => {
  const bill = monthlyBill({
    month: '2026-12',
    today: '2026-12-31',
    prices,
    usage: [day('c-a', '2026-11-25', { storedBytes: 31e9 })],
    retentionDays: new Map([['c-a', 10]]),
  });
  // Held Nov 25 … Dec 4: 4 days of December → 31 GB × 4 / 31.
  assert.equal(bill.clusters[0]!.storedGBMonth, 4);
  assert.equal(bill.clusters[0]!.ingestedGB, 0);
});

test('clusters are billed separately and summed', () => {
  const bill = monthlyBill({
    month: '2026-11',
    today: '2026-12-01',
    prices,
    usage: [day('c-b', '2026-11-02', { ingestedBytes: 1e9 }), day('c-a', '2026-11-03', { ingestedBytes: 3e9 })],
    retentionDays: new Map(),
  });
  assert.deepEqual(
    bill.clusters.map((c) => [c.clusterId, c.cost]),
    [
      ['c-a', 1.5],
      ['c-b', 0.5],
    ],
  );
  assert.equal(bill.total, 2);
});

test('price lists are checked', () => {
  assert.equal(priceListProblem(DEFAULT_PRICE_LIST), null);
  assert.match(priceListProblem({ ...prices, perGBIngested: -1 }) ?? '', /perGBIngested/);
  assert.match(priceListProblem({ ...prices, perMillionEvents: Number.NaN }) ?? '', /perMillionEvents/);
  assert.match(priceListProblem({ ...prices, currency: 'dollars' }) ?? '', /currency/);
});

test('months have their days; a bad month is refused', () => {
  assert.equal(daysOfMonth('2028-02').length, 29);
  assert.equal(daysOfMonth('2026-12').at(-1), '2026-12-31');
  assert.throws(() => daysOfMonth('2026-13'), /not a month/);
});

test('the CSV has a row per cluster and the total, and defuses formulas in names', () => {
  const bill = monthlyBill({
    month: '2026-11',
    today: '2026-12-01',
    prices,
    usage: [day('c-a', '2026-11-02', { ingestedBytes: 1e9 })],
    retentionDays: new Map(),
  });
  const csv = billCsv(bill, new Map([['c-a', '=HYPERLINK("x")']]));
  assert.equal(
    csv,
    'month,cluster_id,cluster,ingested_gb,stored_gb_month,events,cost_USD\n' +
      `2026-11,c-a,"'=HYPERLINK(""x"")",1,0,0,0.50\n` +
      '2026-11,,total,,,,0.50\n',
  );
});
