// End-to-end ingestion (agent protocol → ingest → Redis queue → worker →
// COPY) against a raw COPY of the same events into the same partitioned,
// indexed table, measured in one run. Prints one line per figure; the
// accept-only and drain-only phases show which stage limits the whole.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { buildBatchRows, createCluster, createProject, type CoreDeps } from '@kubetrail/core';
import { copyEventText, createPool, createPrisma, ensureDayPartitions, EVENT_TABLE, utcDay, withTransaction } from '@kubetrail/db';
import { createTestDatabase, testRedisUrl } from '@kubetrail/db/testing';
import { generateEvents } from '@kubetrail/demo-fleet';
import { startService, until, type Service } from '../tests/support/processes';
import { freePort } from './lib/free-port';
import { pushAll } from './lib/push-batches';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 4);
const WORKER_CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY ?? '2';
const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];

const line = (name: string, rate: number, baseline: number) =>
  console.log(`${name} events/s=${rate.toFixed(0)} baseline.copy events/s=${baseline.toFixed(0)} ratio=${(rate / baseline).toFixed(2)}`);

const database = await createTestDatabase('kt_bench');
const deps: CoreDeps = { db: createPrisma(database.url), pool: createPool(database.url, 4) };
const services: Service[] = [];
try {
  const project = await createProject(deps, 'bench');
  const clusters = await Promise.all(['baseline', 'staged', 'e2e'].map((name) => createCluster(deps, { project: project.id, name })));
  const [baselineCluster, stagedCluster, e2eCluster] = clusters as [(typeof clusters)[0], (typeof clusters)[0], (typeof clusters)[0]];
  const end = new Date();
  const events = generateEvents({ profile: 'managed', seed: 7, count: EVENTS, start: new Date(end.getTime() - 3_600_000), end });
  const lines = events.map((e) => JSON.stringify(e));
  const avgBytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0) / lines.length;
  const days = new Set(events.map((e) => utcDay(e.stageTimestamp)));
  for (const c of clusters) await ensureDayPartitions(deps.pool, c.id, days);
  // Progress is read from the small batch ledger: polling count(*) over the
  // growing event partitions would steal the CPU being measured.
  const count = async (clusterId: string) =>
    (await deps.pool.query<{ n: number }>('SELECT COALESCE(sum(stored_count), 0) AS n FROM stored_batches WHERE cluster_id = $1', [clusterId])).rows[0]!.n;
  const countRows = async (clusterId: string) =>
    (await deps.pool.query<{ n: number }>('SELECT count(*) AS n FROM audit_events WHERE cluster_id = $1', [clusterId])).rows[0]!.n;
  console.log(`bench: ${EVENTS} events, ${avgBytes.toFixed(0)} bytes/event on average, batches of ${BATCH}, ${IN_FLIGHT} in flight, worker concurrency ${WORKER_CONCURRENCY}`);

  // Baseline: rows prepared beforehand, then one COPY, as a hand-written loader would.
  const { rows } = buildBatchRows(events, lines, baselineCluster.id, 'baseline');
  const t0 = performance.now();
  await withTransaction(deps.pool, (client) => copyEventText(client, EVENT_TABLE, rows));
  const baseline = EVENTS / ((performance.now() - t0) / 1000);

  const port = await freePort();
  const env = { DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: `kt-bench-${randomBytes(3).toString('hex')}`, INGEST_PORT: String(port), INGEST_HOST: '127.0.0.1', INGEST_MAX_QUEUE_DEPTH: '100000' };
  const ingest = startService('ingest', 'apps/ingest/src/main.ts', env, [], profile);
  services.push(ingest);
  await ingest.waitFor(/ingest listening/);
  const url = `http://127.0.0.1:${port}/trpc/agent.pushBatch`;
  const bodies = (streamId: string) => {
    const out: Buffer[] = [];
    for (let seq = 0; seq * BATCH < EVENTS; seq++)
      out.push(gzipSync(`{"streamId":"${streamId}","seq":${seq},"events":[${lines.slice(seq * BATCH, (seq + 1) * BATCH).join(',')}]}`));
    return out;
  };
  const startWorker = async () => {
    const worker = startService('worker', 'apps/worker/src/main.ts', { ...env, WORKER_CONCURRENCY }, [], profile);
    services.push(worker);
    await worker.waitFor(/worker started/);
    return worker;
  };

  // Phase 1: accept only (no worker), then phase 2: the worker drains the queue alone.
  const staged = bodies('staged');
  let t = performance.now();
  await pushAll(url, stagedCluster.token, staged, IN_FLIGHT);
  const acceptRate = EVENTS / ((performance.now() - t) / 1000);
  const worker = await startWorker();
  t = performance.now();
  await until(async () => (await count(stagedCluster.id)) >= EVENTS, 600_000, 'staged events stored');
  const drainRate = EVENTS / ((performance.now() - t) / 1000);

  // Phase 3: everything at once, as in production.
  const live = bodies('live');
  t = performance.now();
  await pushAll(url, e2eCluster.token, live, IN_FLIGHT);
  await until(async () => (await count(e2eCluster.id)) >= EVENTS, 600_000, 'e2e events stored');
  const e2eRate = EVENTS / ((performance.now() - t) / 1000);

  for (const c of [stagedCluster, e2eCluster]) {
    const stored = await countRows(c.id);
    if (stored !== EVENTS) throw new Error(`cluster ${c.name}: ${stored} events stored, expected ${EVENTS}`);
  }
  line('ingest.e2e', e2eRate, baseline);
  line('ingest.accept-only', acceptRate, baseline);
  line('worker.drain-only', drainRate, baseline);
  void worker;
} finally {
  await Promise.all(services.map((s) => s.kill('SIGTERM')));
  await deps.db.$disconnect();
  await deps.pool.end();
  await database.drop();
}
