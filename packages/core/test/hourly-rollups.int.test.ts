import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createPool, createPrisma, ROLLUP_DIMENSION_COLUMNS } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { generateEvents } from '@kubetrail/demo-fleet';
import { batchJobFor, createCluster, createProject, PartitionCache, storeBatch, type CoreDeps } from '../src/index';

let database: TestDatabase;
let deps: CoreDeps;
let clusterId: string;

before(async () => {
  database = await createTestDatabase('kt_rollups');
  deps = { db: createPrisma(database.url), pool: createPool(database.url, 4) };
  const project = await createProject(deps, 'rollups');
  clusterId = (await createCluster(deps, { project: project.id, name: 'c1', policyPreset: 'none' })).id;
});
after(async () => {
  await deps.db.$disconnect();
  await deps.pool.end();
  await database.drop();
});

const dims = ROLLUP_DIMENSION_COLUMNS.join(', ');

/** The rollups, and the same counts taken from the stored events, as comparable rows. */
async function bothWays() {
  const fromEvents = await deps.pool.query(
    `SELECT date_trunc('hour', ts, 'UTC') AS hour, ${dims}, count(*)::bigint AS events
     FROM audit_events WHERE cluster_id = $1 GROUP BY 1, ${dims} ORDER BY 1, ${dims}`,
    [clusterId],
  );
  const rollups = await deps.pool.query(
    `SELECT hour, ${dims}, events FROM audit_events_hourly WHERE cluster_id = $1 ORDER BY hour, ${dims}`,
    [clusterId],
  );
  return { fromEvents: fromEvents.rows, rollups: rollups.rows };
}

test('rollups equal counts taken from the stored events, through re-sent events, retried jobs and hour boundaries', async () => {
  const now = new Date();
  const events = generateEvents({ profile: 'managed', seed: 11, count: 3_000, start: new Date(now.getTime() - 6 * 3_600_000), end: now });
  // Fractions beyond microseconds, which PostgreSQL rounds: the first two
  // land in the next hour, the last stays in its own.
  const lastSecond = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 1000).toISOString();
  const edge = ['.99999975Z', '.9999996Z', '.9999994Z'].map((fraction, i) => ({
    ...events[i]!,
    auditID: randomUUID(),
    stageTimestamp: lastSecond.replace('.000Z', fraction),
  }));
  const cache = new PartitionCache();
  for (let i = 0; i < events.length; i += 500) {
    const b = batchJobFor(clusterId, events.slice(i, i + 500), { batchId: randomUUID() });
    await storeBatch(deps.pool, cache, b.job, b.rows);
  }
  const edgeBatch = batchJobFor(clusterId, edge, { batchId: randomUUID() });
  await storeBatch(deps.pool, cache, edgeBatch.job, edgeBatch.rows);
  // The same job again (a retry) changes nothing; the same events under a new
  // batch (a webhook retry) go through the dedupe path and count once.
  await storeBatch(deps.pool, cache, edgeBatch.job, edgeBatch.rows);
  const overlap = batchJobFor(
    clusterId,
    [
      ...events.slice(0, 100),
      ...generateEvents({ profile: 'managed', seed: 12, count: 50, start: new Date(now.getTime() - 60_000), end: now }),
    ],
    {
      batchId: randomUUID(),
    },
  );
  const result = await storeBatch(deps.pool, cache, overlap.job, overlap.rows);
  assert.equal(result.stored, 50, 'only the new events of the overlapping batch are stored');

  const { fromEvents, rollups } = await bothWays();
  assert.ok(rollups.length > 10);
  assert.deepEqual(rollups, fromEvents);
  const total = rollups.reduce((n, r) => n + Number(r.events), 0);
  assert.equal(total, 3_000 + 3 + 50);
});
