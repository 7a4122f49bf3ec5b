import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueWindows } from '../src/index';

const T0 = Date.UTC(2026, 11, 1, 12, 0);
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);
const spans = (r: ReturnType<typeof dueWindows>) => r.windows.map((w) => [(w.from.getTime() - T0) / MIN, (w.to.getTime() - T0) / MIN]);
const base = { everyMinutes: 5, windowMinutes: null, settleMs: MIN, maxCatchUp: 100 };

test('a new rule starts with the latest window that has settled', () => {
  assert.deepEqual(spans(dueWindows({ ...base, lastEnd: null, now: at(11) })), [[5, 10]]);
  assert.deepEqual(spans(dueWindows({ ...base, lastEnd: null, now: at(10.5) })), [[0, 5]], 'the window ending at 10 has not settled');
});

test('consecutive runs tile time: each starts where the last ended, nothing twice, nothing skipped', () => {
  const covered: number[][] = [];
  let lastEnd: Date | null = at(0);
  for (let minute = 1; minute <= 40; minute += 3) {
    const r = dueWindows({ ...base, lastEnd, now: at(minute) });
    covered.push(...spans(r));
    lastEnd = r.windows.at(-1)?.to ?? lastEnd;
  }
  assert.deepEqual(
    covered,
    [0, 5, 10, 15, 20, 25, 30].map((m) => [m, m + 5]),
  );
});

test('after downtime the missed windows are caught up, up to the limit', () => {
  assert.equal(dueWindows({ ...base, lastEnd: at(0), now: at(61) }).windows.length, 12);
  const capped = dueWindows({ ...base, maxCatchUp: 3, lastEnd: at(0), now: at(61) });
  assert.deepEqual(
    [spans(capped), capped.skipped],
    [
      [
        [45, 50],
        [50, 55],
        [55, 60],
      ],
      9,
    ],
  );
});

test('a window longer than the period looks back over its span; a changed period starts at the last end', () => {
  assert.deepEqual(spans(dueWindows({ ...base, windowMinutes: 60, lastEnd: at(0), now: at(11) })), [
    [-55, 5],
    [-50, 10],
  ]);
  assert.deepEqual(spans(dueWindows({ ...base, everyMinutes: 10, lastEnd: at(5), now: at(21) })), [
    [5, 10],
    [10, 20],
  ]);
  assert.deepEqual(dueWindows({ ...base, lastEnd: at(10), now: at(12) }).windows, []);
});
