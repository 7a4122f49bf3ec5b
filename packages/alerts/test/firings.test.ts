import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideFirings, type GroupState } from '../src/index';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 1);

/** Runs windows every 5 minutes and lists what each notified. */
function run(windows: Record<string, unknown>[][], options: { groupBy?: string[]; throttleMinutes?: number; notifyRecovery?: boolean }) {
  let states = new Map<string, GroupState>();
  return windows.map((rows, i) => {
    const r = decideFirings({
      rows,
      groupBy: options.groupBy ?? [],
      states,
      throttleMinutes: options.throttleMinutes ?? 0,
      now: new Date(T0 + (i + 1) * 5 * MIN),
      notifyRecovery: options.notifyRecovery ?? false,
    });
    states = r.states;
    return r.actions.map((a) => `${a.kind}${a.groupKey === '' ? '' : ` ${Object.values(a.groupValues).join('/')}`}`);
  });
}

test('without grouping, a window with rows notifies once, however many rows', () => {
  assert.deepEqual(run([[{ a: 1 }, { a: 2 }], [], [{ a: 3 }]], {}), [['fire'], [], ['fire']]);
});

test('grouping notifies each group; throttling holds a group back for its time, then lets it through', () => {
  const alice = { user: 'alice', n: 1 };
  const bob = { user: 'bob', n: 1 };
  assert.deepEqual(run([[alice, bob], [alice], [alice, bob], [alice], [alice]], { groupBy: ['user'], throttleMinutes: 10 }), [
    ['fire alice', 'fire bob'],
    ['throttled alice'],
    ['fire alice', 'fire bob'],
    ['throttled alice'],
    ['fire alice'],
  ]);
});

test('recovery is sent once for a group that stopped matching, and only when asked for', () => {
  const rows = [[{ user: 'a' }, { user: 'b' }], [{ user: 'b' }], [], []];
  assert.deepEqual(run(rows, { groupBy: ['user'], notifyRecovery: true }), [
    ['fire a', 'fire b'],
    ['fire b', 'recover a'],
    ['recover b'],
    [],
  ]);
  assert.deepEqual(run(rows, { groupBy: ['user'] }), [['fire a', 'fire b'], ['fire b'], [], []]);
});

test('states are kept only while they matter, so they do not grow with every group ever seen', () => {
  const r = decideFirings({
    rows: [],
    groupBy: ['user'],
    states: new Map([['["old"]', { firing: false, lastNotifiedAt: new Date(T0) }]]),
    throttleMinutes: 10,
    now: new Date(T0 + 60 * MIN),
    notifyRecovery: true,
  });
  assert.deepEqual([r.actions, r.states.size], [[], 0]);
});
