import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PRICE_LIST, monthlyBill, scaleUsage, type UsageDay } from '../src/index';

const row = (clusterId: string, d: string): UsageDay => ({
  clusterId,
  day: d,
  eventsStored: 1_000_000,
  ingestedBytes: 4e9,
  storedBytes: 2e9,
});

test('only the named cluster is scaled: events by the events kept, bytes by the bytes kept', () => {
  const usage = [row('c-a', '2026-11-01'), row('c-b', '2026-11-01')];
  const scaled = scaleUsage(usage, 'c-a', { events: 0.25, bytes: 0.5 });
  assert.deepEqual(scaled[0], { clusterId: 'c-a', day: '2026-11-01', eventsStored: 250_000, ingestedBytes: 2e9, storedBytes: 1e9 });
  assert.deepEqual(scaled[1], usage[1]);
  assert.deepEqual(usage[0], row('c-a', '2026-11-01'), 'the input is left as it was');
});

test('a policy keeping half the bytes and events halves a past month bill', () => {
  const usage = [row('c-a', '2026-11-01')];
  const input = { month: '2026-11', today: '2026-12-06', prices: DEFAULT_PRICE_LIST, retentionDays: new Map([['c-a', 30]]) };
  const now = monthlyBill({ ...input, usage });
  const half = monthlyBill({ ...input, usage: scaleUsage(usage, 'c-a', { events: 0.5, bytes: 0.5 }) });
  assert.ok(now.total > 0);
  assert.ok(Math.abs(half.total - now.total / 2) <= 0.01, `${half.total} is not half of ${now.total}`);
});

test('a negative or non-finite scale is refused', () => {
  assert.throws(() => scaleUsage([], 'c-a', { events: -1, bytes: 1 }), /events scale/);
  assert.throws(() => scaleUsage([], 'c-a', { events: 1, bytes: Number.NaN }), /bytes scale/);
});
