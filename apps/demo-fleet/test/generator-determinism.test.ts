import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClusterSimulator, generateEvents } from '../src/generator/index';
import { DAY_END, DAY_START } from './helpers';

test('the same seed gives the same events', () => {
  const a = generateEvents({ profile: 'dedicated', seed: 7, count: 1500, start: DAY_START, end: DAY_END });
  const b = generateEvents({ profile: 'dedicated', seed: 7, count: 1500, start: DAY_START, end: DAY_END });
  assert.deepEqual(a, b);
});

test('another seed or cluster name gives other events', () => {
  const base = generateEvents({ profile: 'managed', seed: 7, count: 300, start: DAY_START, end: DAY_END });
  const otherSeed = generateEvents({ profile: 'managed', seed: 8, count: 300, start: DAY_START, end: DAY_END });
  const otherName = generateEvents({ profile: 'managed', seed: 7, count: 300, start: DAY_START, end: DAY_END, clusterName: 'prod-us' });
  assert.notDeepEqual(
    base.map((e) => e.auditID),
    otherSeed.map((e) => e.auditID),
  );
  assert.notDeepEqual(
    base.map((e) => e.auditID),
    otherName.map((e) => e.auditID),
  );
});

test('a simulator replays exactly for the same sequence of times', () => {
  const run = () => {
    const simulator = createClusterSimulator({ profile: 'registered', seed: 99, clusterName: 'edge-registered' });
    const out = [];
    for (let i = 0; i < 500; i++) out.push(...simulator.next(new Date(DAY_START.getTime() + i * 137)));
    return out;
  };
  assert.deepEqual(run(), run());
});

test('next() returns one request: 1 to 3 stages sharing an auditID', () => {
  const simulator = createClusterSimulator({ profile: 'managed', seed: 5, clusterName: 'prod-eu' });
  for (let i = 0; i < 2000; i++) {
    const events = simulator.next(new Date(DAY_START.getTime() + i * 1000));
    assert.ok(events.length >= 1 && events.length <= 3);
    assert.equal(new Set(events.map((e) => e.auditID)).size, 1);
  }
});

test('cluster names shape node names', () => {
  const simulator = createClusterSimulator({ profile: 'dedicated', seed: 1, clusterName: 'billing' });
  const users = new Set<string>();
  for (let i = 0; i < 3000; i++) for (const e of simulator.next(new Date(DAY_START.getTime() + i * 500))) users.add(e.user.username ?? '');
  assert.ok([...users].some((u) => u.startsWith('system:node:billing-worker-')));
  assert.equal(simulator.clusterName, 'billing');
});
