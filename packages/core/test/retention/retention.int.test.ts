import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@kubetrail/contracts';
import { addDays, createPool, createPrisma, listDayPartitions, utcDay } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import {
  batchJobFor,
  clusterStorage,
  createCluster,
  createProject,
  expiredDays,
  maintainPartitions,
  PartitionCache,
  runRetention,
  setRetention,
  storeBatch,
  type CoreDeps,
} from '../../src/index';

// Fixed "now" so the boundary is exact; events are placed relative to it.
const NOW = new Date('2026-12-07T10:00:00Z');
const TODAY = utcDay(NOW);
const DAYS = 40;
/** the 40 days up to and including today, oldest first */
const ALL_DAYS = Array.from({ length: DAYS }, (_, i) => addDays(TODAY, i - (DAYS - 1)));
/** day i of ALL_DAYS holds 1 + (i % 3) events, so kept days are checked by exact, differing counts */
const perDay = (i: number) => 1 + (i % 3);

let database: TestDatabase;
let deps: CoreDeps;
let managed: string;
let dedicated: string;
let bystander: string;
const cache = new PartitionCache();

function event(ts: string): AuditEvent {
  return {
    level: 'Metadata',
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: '/api/v1/pods',
    verb: 'list',
    user: { username: 'alice' },
    objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' },
    responseStatus: { code: 200 },
    requestReceivedTimestamp: ts,
    stageTimestamp: ts,
  };
}

async function storeDays(clusterId: string, days: readonly string[] = ALL_DAYS): Promise<void> {
  const events = days.flatMap((day, i) =>
    Array.from({ length: perDay(i) }, (_, k) => event(`${day}T${String(k * 7).padStart(2, '0')}:15:00.000Z`)),
  );
  const b = batchJobFor(clusterId, events, { batchId: randomUUID() });
  await storeBatch(deps.pool, cache, b.job, b.rows);
}

async function countsPerDay(clusterId: string): Promise<Record<string, number>> {
  const { rows } = await deps.pool.query<{ day: string; n: number }>(
    `SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n FROM audit_events WHERE cluster_id = $1 GROUP BY 1 ORDER BY 1`,
    [clusterId],
  );
  return Object.fromEntries(rows.map((r) => [r.day, r.n]));
}

async function rollupDays(clusterId: string): Promise<Record<string, number>> {
  const { rows } = await deps.pool.query<{ day: string; n: number }>(
    `SELECT to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(events)::int AS n FROM audit_events_hourly WHERE cluster_id = $1 GROUP BY 1 ORDER BY 1`,
    [clusterId],
  );
  return Object.fromEntries(rows.map((r) => [r.day, r.n]));
}

const expected = (days: readonly string[]) => Object.fromEntries(days.map((d) => [d, perDay(ALL_DAYS.indexOf(d))]));
const daysFrom = (first: string) => ALL_DAYS.filter((d) => d >= first);

before(async () => {
  database = await createTestDatabase('kt_retention');
  deps = { db: createPrisma(database.url), pool: createPool(database.url, 4) };
  const project = await createProject(deps, 'retention');
  const make = async (name: string, type: 'managed' | 'dedicated') =>
    (await createCluster(deps, { project: project.id, name, type, policyPreset: 'none' })).id;
  managed = await make('prod', 'managed');
  dedicated = await make('vault', 'dedicated');
  bystander = await make('bystander', 'managed');
  for (const c of [managed, dedicated, bystander]) await storeDays(c);
});
after(async () => {
  await deps.db.$disconnect();
  await deps.pool.end();
  await database.drop();
});

test('the boundary: a day expires once it lies more than retentionDays before today', () => {
  assert.deepEqual(expiredDays(['2026-11-06', '2026-11-07', '2026-12-06', '2026-12-07'], 30, NOW), ['2026-11-06']);
  assert.deepEqual(expiredDays(['2026-12-05', '2026-12-06', '2026-12-07'], 1, NOW), ['2026-12-05']);
  // Just before and just after midnight UTC.
  assert.deepEqual(expiredDays(['2026-12-05'], 1, new Date('2026-12-06T23:59:59.999Z')), []);
  assert.deepEqual(expiredDays(['2026-12-05'], 1, new Date('2026-12-07T00:00:00Z')), ['2026-12-05']);
});

test('bad retention values are refused with a clear message, and nothing changes', async () => {
  for (const days of [0, 3651, 1.5, -3, Number.NaN])
    await assert.rejects(setRetention(deps, managed, days), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'BAD_REQUEST');
      assert.match(error.message, /whole number of days from 1 to 3650/);
      return true;
    });
  await assert.rejects(setRetention(deps, 'no-such-cluster', 7), /no cluster "no-such-cluster"/);
  assert.equal((await deps.db.cluster.findUniqueOrThrow({ where: { id: managed } })).retentionDays, 30);
});

test('retention 30 drops exactly the expired days of the managed cluster, with their rollups', async () => {
  // 40 stored days, plus the partitions made ahead (tomorrow, the day after).
  assert.deepEqual(await countsPerDay(managed), expected(ALL_DAYS));
  assert.deepEqual(await rollupDays(managed), expected(ALL_DAYS));
  const storageBefore = await clusterStorage(deps.pool, managed);
  assert.equal(storageBefore.daysKept, 40);
  assert.equal(storageBefore.oldestEventAt?.toISOString(), `${ALL_DAYS[0]}T00:15:00.000Z`);

  // Creating the cluster made partitions ahead of the real day, which may be later than NOW: retention leaves them alone.
  const ahead = (await listDayPartitions(deps.pool, managed)).filter((d) => d > TODAY);
  assert.ok([addDays(TODAY, 1), addDays(TODAY, 2)].every((d) => ahead.includes(d)));
  const results = await runRetention(deps, { now: NOW });
  const keptFrom = addDays(TODAY, -30);
  const byCluster = Object.fromEntries(results.map((r) => [r.clusterId, r]));
  assert.deepEqual(
    byCluster[managed]!.droppedDays,
    ALL_DAYS.filter((d) => d < keptFrom),
  );
  assert.equal(byCluster[managed]!.droppedDays.length, 9);
  assert.equal(byCluster[managed]!.keptFrom, keptFrom);

  const partitions = await listDayPartitions(deps.pool, managed);
  assert.equal(partitions[0], keptFrom);
  assert.deepEqual(partitions, [...daysFrom(keptFrom), ...ahead]);
  assert.deepEqual(await countsPerDay(managed), expected(daysFrom(keptFrom)));
  assert.deepEqual(await rollupDays(managed), expected(daysFrom(keptFrom)));

  const storageAfter = await clusterStorage(deps.pool, managed);
  assert.equal(storageAfter.daysKept, 31);
  assert.equal(storageAfter.oldestEventAt?.toISOString(), `${keptFrom}T00:15:00.000Z`);
  assert.ok(storageAfter.storedBytes > 0 && storageAfter.storedBytes < storageBefore.storedBytes);
});

test('the dedicated cluster (365 days) and the other managed cluster keep everything they should', async () => {
  assert.deepEqual(await countsPerDay(dedicated), expected(ALL_DAYS));
  assert.deepEqual(await rollupDays(dedicated), expected(ALL_DAYS));
  assert.equal((await listDayPartitions(deps.pool, dedicated))[0], ALL_DAYS[0]);
  // The bystander (also 30 days) lost only its own expired days.
  assert.deepEqual(await countsPerDay(bystander), expected(daysFrom(addDays(TODAY, -30))));
});

test('running again drops nothing new', async () => {
  const again = await runRetention(deps, { now: NOW });
  assert.deepEqual(
    again.map((r) => r.droppedDays),
    again.map(() => []),
  );
  assert.deepEqual(await countsPerDay(managed), expected(daysFrom(addDays(TODAY, -30))));
});

test('retention 7 drops more at the next run, of that cluster only', async () => {
  const { before: was, after: now } = await setRetention(deps, 'prod', 7);
  assert.equal(was.retentionDays, 30);
  assert.equal(now.retentionDays, 7);
  const results = await runRetention(deps, { clusterId: managed, now: NOW });
  assert.equal(results.length, 1);
  const keptFrom = addDays(TODAY, -7);
  assert.deepEqual(
    results[0]!.droppedDays,
    ALL_DAYS.filter((d) => d >= addDays(TODAY, -30) && d < keptFrom),
  );
  assert.deepEqual(await countsPerDay(managed), expected(daysFrom(keptFrom)));
  assert.deepEqual(await rollupDays(managed), expected(daysFrom(keptFrom)));
  assert.deepEqual(await countsPerDay(bystander), expected(daysFrom(addDays(TODAY, -30))));
  assert.deepEqual(await countsPerDay(dedicated), expected(ALL_DAYS));
});

test('maintenance never recreates an expired day; a late event for one is dropped again by the next run', async () => {
  // Retention 1 keeps yesterday, the oldest day maintenance creates.
  await setRetention(deps, managed, 1);
  await runRetention(deps, { clusterId: managed, now: NOW });
  await maintainPartitions(deps, 2, NOW);
  assert.deepEqual(expiredDays(await listDayPartitions(deps.pool, managed), 1, NOW), []);

  // A batch arriving late with an event of an expired day recreates that day's partition (the store
  // path creates partitions on demand); the next daily run drops it again.
  const late = addDays(TODAY, -5);
  await storeDays(managed, [late]);
  assert.ok((await listDayPartitions(deps.pool, managed)).includes(late));
  const results = await runRetention(deps, { clusterId: managed, now: NOW });
  // The store path, missing a partition it had cached, creates the day and the next (for nanosecond
  // timestamps rounded over midnight): both are expired, both go.
  assert.deepEqual(results[0]!.droppedDays, [late, addDays(late, 1)]);
  assert.ok(!(await listDayPartitions(deps.pool, managed)).includes(late));
  assert.deepEqual(Object.keys(await rollupDays(managed)), [addDays(TODAY, -1), TODAY]);
});

test('an empty cluster reports nothing stored', async () => {
  const project = await createProject(deps, 'empty');
  const c = await createCluster(deps, { project: project.id, name: 'idle' });
  const storage = await clusterStorage(deps.pool, c.id);
  assert.equal(storage.oldestEventAt, null);
  assert.equal(storage.daysKept, 0);
  assert.ok(storage.storedBytes >= 0);
  assert.deepEqual((await runRetention(deps, { clusterId: c.id, now: NOW }))[0]!.droppedDays, []);
});
