// Queries over 10 M stored events (issue targets): a report-style
// aggregate over 7 days answered from the hourly rollups, against the same
// aggregate computed from the events (≤ 0.05×), and a selective search
// (`user.username: alice*`, one page and its total) in under a second,
// against a full count of the same 7 days' events. Both baselines run in
// this process on the same data.
import { batchJobFor, createCluster, createProject, PartitionCache, runQuery, storeBatch, type CoreDeps } from '@kubetrail/core';
import { createPool, createPrisma } from '@kubetrail/db';
import { createTestDatabase } from '@kubetrail/db/testing';
import { generateEvents } from '@kubetrail/demo-fleet';

const COUNT = Number(process.env.BENCH_QUERY_EVENTS ?? 10_000_000);
// Generating and serializing events runs at ~7 k/s in Node: the first
// million (over the 7 days) are generated and stored as the worker stores
// them, the rest are copies of them made by PostgreSQL under new auditIDs,
// and the rollups are then rebuilt from all of them.
const GENERATED = Math.min(COUNT, Number(process.env.BENCH_QUERY_GENERATED ?? 1_000_000));
const CHUNK = 50_000;
const DAY = 86_400_000;

const database = await createTestDatabase('kt_bench_query');
const deps: CoreDeps = { db: createPrisma(database.url), pool: createPool(database.url, 4) };

/** Median of three timed runs after one warm-up, in seconds. */
async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  let result = await fn();
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    result = await fn();
    runs.push((performance.now() - t) / 1000);
  }
  return { seconds: runs.sort((a, b) => a - b)[1]!, result };
}

try {
  const project = await createProject(deps, 'bench');
  const cluster = await createCluster(deps, { project: project.id, name: 'query', policyPreset: 'none' });
  const now = new Date();
  const span = 7 * DAY;
  const partitions = new PartitionCache();
  const loadStart = performance.now();
  for (let done = 0; done < GENERATED; done += CHUNK) {
    const n = Math.min(CHUNK, GENERATED - done);
    const start = new Date(now.getTime() - span + (span * done) / GENERATED);
    const end = new Date(now.getTime() - span + (span * (done + n)) / GENERATED);
    const events = generateEvents({ profile: 'managed', seed: done + 1, count: n, start, end }).map((e) => ({
      ...e,
      auditID: `${e.auditID}-${done}`,
    }));
    const { job, rows } = batchJobFor(cluster.id, events, { batchId: `bench-${done}` });
    await storeBatch(deps.pool, partitions, job, rows);
  }
  for (let copied = GENERATED, k = 1; copied < COUNT; copied += GENERATED, k++)
    await deps.pool.query(
      `INSERT INTO audit_events (cluster_id, ts, request_received_at, audit_id, stage, level, verb, request_uri,
         username, user_groups, user_kind, impersonated_user, namespace, resource, subresource, object_name, api_group, api_version,
         status_code, source_ip, user_agent, decision, event, event_bytes, batch_id, ingested_at)
       SELECT cluster_id, ts, request_received_at, audit_id || '.' || $1::text, stage, level, verb, request_uri,
         username, user_groups, user_kind, impersonated_user, namespace, resource, subresource, object_name, api_group, api_version,
         status_code, source_ip, user_agent, decision, event, event_bytes, batch_id, ingested_at
       FROM audit_events WHERE audit_id NOT LIKE '%.%' LIMIT $2`,
      [k, Math.min(GENERATED, COUNT - copied)],
    );
  await deps.pool.query(`TRUNCATE audit_events_hourly`);
  await deps.pool.query(
    `INSERT INTO audit_events_hourly
     SELECT cluster_id, date_trunc('hour', ts, 'UTC'), verb, api_group, resource, subresource, namespace, username, user_kind, status_code, count(*)
     FROM audit_events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
  );
  await deps.pool.query('VACUUM ANALYZE audit_events');
  await deps.pool.query('VACUUM ANALYZE audit_events_hourly');
  console.log(`query.load events=${COUNT} seconds=${((performance.now() - loadStart) / 1000).toFixed(0)}`);

  const range = { project: project.id, from: new Date(now.getTime() - span), to: new Date(now.getTime() + 60_000) };
  const report =
    '* | SELECT "objectRef.resource" AS resource, verb, count(1) AS n FROM log GROUP BY resource, verb ORDER BY n DESC, resource, verb LIMIT 50';
  const fromEvents = await timed(() => runQuery(deps, { ...range, query: report, rollups: false }));
  const fromRollups = await timed(() => runQuery(deps, { ...range, query: report }));
  if (JSON.stringify(fromRollups.result) !== JSON.stringify(fromEvents.result))
    throw new Error(
      `rollups and events disagree: ${JSON.stringify(fromRollups.result).slice(0, 300)} vs ${JSON.stringify(fromEvents.result).slice(0, 300)}`,
    );
  console.log(
    `query.report.rollups seconds=${fromRollups.seconds.toFixed(3)} baseline.events seconds=${fromEvents.seconds.toFixed(3)} ratio=${(fromRollups.seconds / fromEvents.seconds).toFixed(4)}`,
  );

  const search = await timed(() => runQuery(deps, { ...range, query: 'user.username: alice*', limit: 100 }));
  const fullCount = await timed(() => runQuery(deps, { ...range, query: '* | SELECT count(1) FROM log', rollups: false }));
  const total = search.result.kind === 'search' ? search.result.total : -1;
  console.log(
    `query.search.alice seconds=${search.seconds.toFixed(3)} matches=${total} baseline.count-all seconds=${fullCount.seconds.toFixed(3)} ratio=${(search.seconds / fullCount.seconds).toFixed(4)}`,
  );
} finally {
  await deps.db.$disconnect();
  await deps.pool.end();
  await database.drop();
}
