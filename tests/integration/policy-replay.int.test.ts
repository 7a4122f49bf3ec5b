import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  batchJobFor,
  createCluster,
  createProject,
  PartitionCache,
  replayPolicy,
  setClusterPolicy,
  storeBatch,
  type CoreDeps,
} from '@kubetrail/core';
import { createPool, createPrisma } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { generateEvents } from '@kubetrail/demo-fleet';
import { applyPolicy, parsePolicy, PRESETS } from '@kubetrail/policy';

let database: TestDatabase;
let deps: CoreDeps;
let clusterId: string;
const now = new Date();
const events = generateEvents({
  profile: 'dedicated',
  seed: 5,
  count: 4_000,
  start: new Date(now.getTime() - 86_400_000),
  end: new Date(now.getTime() - 60_000),
});

const PROPOSED = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: None
    users: ["nobody-at-all"]
  - level: Metadata
    resources: [{ group: "", resources: ["secrets", "configmaps"] }]
  - level: RequestResponse
    verbs: ["create", "update", "patch", "delete"]
  - level: None
    verbs: ["watch"]
  - level: Metadata
`;

before(async () => {
  database = await createTestDatabase('kt_replay');
  deps = { db: createPrisma(database.url), pool: createPool(database.url, 2) };
  const project = await createProject(deps, 'replay');
  clusterId = (await createCluster(deps, { project: project.id, name: 'c', policyPreset: 'none' })).id;
  for (let i = 0; i < events.length; i += 1_000) {
    const { job, rows } = batchJobFor(clusterId, events.slice(i, i + 1_000), { batchId: randomUUID() });
    await storeBatch(deps.pool, new PartitionCache(), job, rows);
  }
});
after(async () => {
  await deps.db.$disconnect();
  await deps.pool.end();
  await database.drop();
});

function direct(source: string) {
  const policy = parsePolicy(source);
  const kept = events.map((e) => applyPolicy(policy, e)).filter((e) => e !== null);
  const levels = { Metadata: 0, Request: 0, RequestResponse: 0 };
  for (const e of kept) levels[e.level as keyof typeof levels]++;
  return { kept: kept.length, levels, bytes: kept.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0) };
}

test('replay counts what the proposed policy keeps, per rule, like applying it to each event', async () => {
  const report = await replayPolicy(deps, { cluster: clusterId, source: PROPOSED, sinceMs: 2 * 86_400_000, now });
  const expected = direct(PROPOSED);
  assert.equal(report.proposed.events, events.length);
  assert.equal(report.proposed.keptEvents, expected.kept);
  const byLevel = { Metadata: 0, Request: 0, RequestResponse: 0 };
  for (const r of report.proposed.rules!) for (const l of Object.keys(byLevel) as (keyof typeof byLevel)[]) byLevel[l] += r.keptAt[l];
  assert.deepEqual(byLevel, expected.levels);
  // Sizes after trimming are estimated from the stored objects' sizes.
  assert.ok(
    Math.abs(report.proposed.keptBytes - expected.bytes) / expected.bytes < 0.1,
    `${report.proposed.keptBytes} vs ${expected.bytes}`,
  );
  assert.deepEqual(report.proposed.deadRules, [0], 'the rule for a user who never appears is dead');
  assert.equal(report.current.keptEvents, events.length, 'no current policy: everything is kept');
  assert.equal(report.perDay.differenceEvents, Math.round((expected.kept - events.length) / 2));
  assert.ok(report.gbPerMonth.difference < 0);
});

test('the current policy is replayed too, and the window bounds the events', async () => {
  await setClusterPolicy(deps, clusterId, PRESETS.ack);
  const report = await replayPolicy(deps, { cluster: clusterId, source: PROPOSED, sinceMs: 2 * 86_400_000, now });
  assert.equal(report.currentPolicyVersion, 1);
  assert.equal(report.current.keptEvents, direct(PRESETS.ack).kept);
  const lastHour = await replayPolicy(deps, { cluster: clusterId, source: PROPOSED, sinceMs: 3_600_000, now });
  const expected = events.filter((e) => Date.parse(e.stageTimestamp) >= now.getTime() - 3_600_000).length;
  assert.equal(lastHour.proposed.events, expected);
});
