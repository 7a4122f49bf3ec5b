import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dailySeries } from '../src/features/usage/daily-series';

test('one point per day, a value per cluster, zeros filled, days in order', () => {
  const names = new Map([
    ['c-1', 'prod'],
    ['c-2', 'edge'],
  ]);
  const { points, series } = dailySeries(
    [
      { clusterId: 'c-1', day: '2026-12-02', eventsStored: 5 },
      { clusterId: 'c-2', day: '2026-12-01', eventsStored: 3 },
      { clusterId: 'c-1', day: '2026-12-01', eventsStored: 7 },
    ],
    names,
  );
  assert.deepEqual(series, ['edge', 'prod']);
  assert.deepEqual(points, [
    { day: '2026-12-01', edge: 3, prod: 7 },
    { day: '2026-12-02', edge: 0, prod: 5 },
  ]);
});

test('a cluster without a name keeps its id', () => {
  assert.deepEqual(dailySeries([{ clusterId: 'c-9', day: '2026-12-01', eventsStored: 1 }], new Map()).series, ['c-9']);
});
