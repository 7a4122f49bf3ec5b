// Policy replay over a million stored events (issue target: under a
// minute), against streaming the same events' whole JSON out of PostgreSQL,
// which a naive replay would have to do, measured in the same run.
import { buildBatchRows, createCluster, createProject, replayPolicy, type CoreDeps } from '@kubetrail/core';
import {
  copyEventText,
  createPool,
  createPrisma,
  ensureDayPartitions,
  EVENT_TABLE,
  streamEventJson,
  utcDay,
  withTransaction,
} from '@kubetrail/db';
import { createTestDatabase } from '@kubetrail/db/testing';
import { generateEvents } from '@kubetrail/demo-fleet';
import { PRESETS } from '@kubetrail/policy';

const COUNT = Number(process.env.BENCH_REPLAY_EVENTS ?? 1_000_000);
const CHUNK = 50_000;

const database = await createTestDatabase('kt_bench_replay');
const deps: CoreDeps = { db: createPrisma(database.url), pool: createPool(database.url, 2) };
try {
  const project = await createProject(deps, 'bench');
  const cluster = await createCluster(deps, { project: project.id, name: 'replay' });
  const now = new Date();
  const span = 7 * 86_400_000;
  for (let done = 0; done < COUNT; done += CHUNK) {
    const n = Math.min(CHUNK, COUNT - done);
    const start = new Date(now.getTime() - span + (span * done) / COUNT);
    const end = new Date(now.getTime() - span + (span * (done + n)) / COUNT);
    const events = generateEvents({ profile: 'managed', seed: done + 1, count: n, start, end }).map((e) => ({
      ...e,
      auditID: `${e.auditID}-${done}`,
    }));
    await ensureDayPartitions(deps.pool, cluster.id, new Set(events.map((e) => utcDay(e.stageTimestamp))));
    const { rows } = buildBatchRows(
      events,
      events.map((e) => JSON.stringify(e)),
      cluster.id,
      `bench-${done}`,
    );
    await withTransaction(deps.pool, (client) => copyEventText(client, EVENT_TABLE, rows));
  }
  await deps.pool.query('ANALYZE audit_events');
  // The window ends after the newest event (its bound is exclusive).
  const until = new Date(now.getTime() + 60_000);
  const window = span + 120_000;

  let t = performance.now();
  let streamed = 0;
  for await (const text of streamEventJson(deps.pool, { clusterId: cluster.id, from: new Date(until.getTime() - window), to: until }))
    streamed += text.length > 0 ? 1 : 0;
  const baseline = (performance.now() - t) / 1000;

  t = performance.now();
  const report = await replayPolicy(deps, { cluster: cluster.id, source: PRESETS.ack, sinceMs: window, now: until });
  const seconds = (performance.now() - t) / 1000;
  if (report.proposed.events !== COUNT || streamed !== COUNT)
    throw new Error(`replayed ${report.proposed.events}, streamed ${streamed}, stored ${COUNT}`);
  console.log(
    `policy.replay.ack events=${COUNT} seconds=${seconds.toFixed(1)} baseline.stream-events seconds=${baseline.toFixed(1)} ratio=${(seconds / baseline).toFixed(2)}`,
  );
} finally {
  await deps.db.$disconnect();
  await deps.pool.end();
  await database.drop();
}
