// Moving a cluster between projects (`moveCluster`) with BENCH_MOVE_EVENTS
// stored events against moving an empty cluster, in one run. The move
// changes one row of `clusters`, so the ratio should stay near 1 however
// many events the cluster holds. Each figure is the median of RUNS moves
// (back and forth between two projects). Target: under 1 s.
import { createCluster, createProject, buildBatchRows, moveCluster, type CoreDeps } from '@kubetrail/core';
import {
  clusterPartitionName,
  copyEventText,
  createPool,
  createPrisma,
  ensureDayPartitions,
  EVENT_TABLE,
  quoteIdent,
  utcDay,
  withTransaction,
} from '@kubetrail/db';
import { createTestDatabase } from '@kubetrail/db/testing';
import { generateEvents } from '@kubetrail/demo-fleet';

const EVENTS = Number(process.env.BENCH_MOVE_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TEMPLATE = 1_000;
const TARGET_MS = 1_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const database = await createTestDatabase('kt_bench_move');
const deps: CoreDeps = { db: createPrisma(database.url), pool: createPool(database.url, 4) };
try {
  const a = await createProject(deps, 'bench-a');
  const b = await createProject(deps, 'bench-b');
  const full = await createCluster(deps, { project: a.id, name: 'full', policyPreset: 'none' });
  const empty = await createCluster(deps, { project: a.id, name: 'empty', policyPreset: 'none' });

  // COPY text for TEMPLATE events built once, then repeated with other audit
  // ids (the unique key), so loading a million rows costs PostgreSQL's time only.
  const end = new Date();
  const events = generateEvents({ profile: 'managed', seed: 11, count: TEMPLATE, start: new Date(end.getTime() - 3_600_000), end }).map(
    (e, i) => ({ ...e, auditID: `mv-r000000-${i}` }),
  );
  const lines = events.map((e) => JSON.stringify(e));
  await ensureDayPartitions(deps.pool, full.id, new Set(events.map((e) => utcDay(e.stageTimestamp))));
  const { rows } = buildBatchRows(events, lines, full.id, 'bench-move');
  let t = performance.now();
  const copies = Math.ceil(EVENTS / TEMPLATE);
  // Two connections, as the worker's two slots would.
  const load = async (part: number) =>
    withTransaction(deps.pool, async (client) => {
      for (let r = part; r < copies; r += 2)
        await copyEventText(client, EVENT_TABLE, rows.replaceAll('mv-r000000-', `mv-r${String(r).padStart(6, '0')}-`));
    });
  await Promise.all([load(0), load(1)]);
  await deps.pool.query(`ANALYZE ${quoteIdent(clusterPartitionName(full.id))}`);
  const stored = Number(
    (await deps.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE cluster_id = $1', [full.id])).rows[0]!.n,
  );
  if (stored !== copies * TEMPLATE) throw new Error(`${stored} events stored, expected ${copies * TEMPLATE}`);
  const size = (
    await deps.pool.query<{ size: string }>(
      `SELECT pg_size_pretty(sum(pg_total_relation_size(relid))) AS size FROM pg_partition_tree($1::regclass)`,
      [quoteIdent(clusterPartitionName(full.id))],
    )
  ).rows[0]!.size;
  console.log(`bench: ${stored} events (${size}) loaded in ${((performance.now() - t) / 1000).toFixed(1)} s; median of ${RUNS} moves`);

  const partitions = async (clusterId: string) =>
    (
      await deps.pool.query<{ oid: number }>('SELECT relid::oid::int AS oid FROM pg_partition_tree($1::regclass) ORDER BY 1', [
        quoteIdent(clusterPartitionName(clusterId)),
      ])
    ).rows.map((r) => r.oid);
  const timeMoves = async (clusterId: string) => {
    const ms: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      t = performance.now();
      await moveCluster(deps, clusterId, r % 2 === 0 ? b.id : a.id);
      ms.push(performance.now() - t);
    }
    return ms;
  };
  const before = await partitions(full.id);
  const emptyMs = await timeMoves(empty.id);
  const fullMs = await timeMoves(full.id);
  const after = await partitions(full.id);
  if (before.join() !== after.join()) throw new Error('the move replaced partitions');
  const rate = median(fullMs);
  console.log(
    `cluster.move events=${stored} ms=${rate.toFixed(1)} baseline.empty-cluster ms=${median(emptyMs).toFixed(1)} ratio=${(rate / median(emptyMs)).toFixed(2)} target<${TARGET_MS}ms ${rate < TARGET_MS ? 'met' : 'MISSED'} runs=${fullMs.map((x) => x.toFixed(1)).join(',')} baseline.runs=${emptyMs.map((x) => x.toFixed(1)).join(',')} partitions=${after.length} unchanged`,
  );
  if (rate >= TARGET_MS) process.exitCode = 1;
} finally {
  await deps.db.$disconnect();
  await deps.pool.end();
  await database.drop();
}
