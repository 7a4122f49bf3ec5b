// End-to-end ingestion (agent protocol → ingest → Redis → worker → COPY)
// against a raw COPY of the same events into the same partitioned, indexed
// table, in one run. Each figure is the median of RUNS runs, so one noisy run
// on a shared machine does not decide the ratio. The accept-only and
// drain-only figures show which stage limits the whole.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { buildBatchRows, createCluster, createProject, MAX_QUOTA, setQuotas, type CoreDeps } from '@kubetrail/core';
import { copyEventText, createPool, createPrisma, ensureDayPartitions, EVENT_TABLE, utcDay, withTransaction } from '@kubetrail/db';
import { createTestDatabase, testRedisUrl } from '@kubetrail/db/testing';
import { generateEvents } from '@kubetrail/demo-fleet';
import { SERVICE_NODE_FLAGS, startService, until, type Service } from '../tests/support/processes';
import { freePort } from '../tests/support/free-port';
import { pushAll } from './lib/push-batches';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 4);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WORKER_CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY ?? '2';
const nodeFlags = [
  ...SERVICE_NODE_FLAGS,
  ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (name: string, rates: number[], baseline: number) =>
  console.log(
    `${name} events/s=${median(rates).toFixed(0)} baseline.copy events/s=${baseline.toFixed(0)} ratio=${(median(rates) / baseline).toFixed(2)} runs=${rates.map((r) => r.toFixed(0)).join(',')}`,
  );

const database = await createTestDatabase('kt_bench');
const deps: CoreDeps = { db: createPrisma(database.url), pool: createPool(database.url, 4) };
const services: Service[] = [];
try {
  const project = await createProject(deps, 'bench');
  const end = new Date();
  const events = generateEvents({ profile: 'managed', seed: 7, count: EVENTS, start: new Date(end.getTime() - 3_600_000), end });
  const lines = events.map((e) => JSON.stringify(e));
  const avgBytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0) / lines.length;
  const days = new Set(events.map((e) => utcDay(e.stageTimestamp)));
  let clusterNo = 0;
  const newCluster = async () => {
    // Every event must be kept: the figures compare transport with a raw COPY of the same rows
    // (what a policy costs is policy.bench's figure).
    const c = await createCluster(deps, { project: project.id, name: `bench-${++clusterNo}`, policyPreset: 'none' });
    // The figures are the platform's throughput; the default ingest quota (5,000 events/s) would cap them instead.
    await setQuotas(deps, { cluster: c.id }, { ingestEventsPerSecond: MAX_QUOTA });
    await ensureDayPartitions(deps.pool, c.id, days);
    return c;
  };
  // Progress is read from the small batch ledger: polling count(*) over the
  // growing event partitions would steal the CPU being measured.
  const stored = async (clusterId: string) =>
    (
      await deps.pool.query<{ n: number }>('SELECT COALESCE(sum(stored_count), 0) AS n FROM stored_batches WHERE cluster_id = $1', [
        clusterId,
      ])
    ).rows[0]!.n;
  const assertAllStored = async (clusterId: string) => {
    const { n } = (await deps.pool.query<{ n: number }>('SELECT count(*) AS n FROM audit_events WHERE cluster_id = $1', [clusterId]))
      .rows[0]!;
    if (n !== EVENTS) throw new Error(`cluster ${clusterId}: ${n} events stored, expected ${EVENTS}`);
  };
  console.log(
    `bench: ${EVENTS} events, ${avgBytes.toFixed(0)} bytes/event on average, batches of ${BATCH}, ${IN_FLIGHT} in flight, worker concurrency ${WORKER_CONCURRENCY}, median of ${RUNS} runs`,
  );

  // Baseline: rows prepared beforehand, then one COPY, as a hand-written loader would.
  const baselineRates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const c = await newCluster();
    const { rows } = buildBatchRows(events, lines, c.id, 'baseline');
    const t = performance.now();
    await withTransaction(deps.pool, (client) => copyEventText(client, EVENT_TABLE, rows));
    baselineRates.push(EVENTS / ((performance.now() - t) / 1000));
  }
  const baseline = median(baselineRates);

  const port = await freePort();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: `kt-bench-${randomBytes(3).toString('hex')}`,
    INGEST_PORT: String(port),
    INGEST_HOST: '127.0.0.1',
    INGEST_MAX_QUEUE_DEPTH: '100000',
  };
  const ingest = startService('ingest', 'apps/ingest/src/main.ts', env, [], nodeFlags);
  services.push(ingest);
  await ingest.waitFor(/ingest listening/);
  const url = `http://127.0.0.1:${port}/trpc/agent.pushBatch`;
  const bodies = (streamId: string) => {
    const out: Buffer[] = [];
    for (let seq = 0; seq * BATCH < EVENTS; seq++)
      out.push(gzipSync(`{"streamId":"${streamId}","seq":${seq},"events":[${lines.slice(seq * BATCH, (seq + 1) * BATCH).join(',')}]}`));
    return out;
  };
  const worker = startService('worker', 'apps/worker/src/main.ts', { ...env, WORKER_CONCURRENCY }, [], nodeFlags);
  services.push(worker);
  await worker.waitFor(/worker started/);

  const e2eRates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const c = await newCluster();
    const batches = bodies(`e2e-${r}`);
    const t = performance.now();
    await pushAll(url, c.token, batches, IN_FLIGHT);
    await until(async () => (await stored(c.id)) >= EVENTS, 600_000, 'e2e events stored');
    e2eRates.push(EVENTS / ((performance.now() - t) / 1000));
    await assertAllStored(c.id);
  }

  // The stages alone: accept with the worker paused, then drain with nothing arriving.
  await worker.kill('SIGTERM');
  const staged = await newCluster();
  const stagedBatches = bodies('staged');
  let t = performance.now();
  await pushAll(url, staged.token, stagedBatches, IN_FLIGHT);
  const acceptRate = EVENTS / ((performance.now() - t) / 1000);
  const drainer = startService('worker', 'apps/worker/src/main.ts', { ...env, WORKER_CONCURRENCY }, [], nodeFlags);
  services.push(drainer);
  await drainer.waitFor(/worker started/);
  t = performance.now();
  await until(async () => (await stored(staged.id)) >= EVENTS, 600_000, 'staged events stored');
  const drainRate = EVENTS / ((performance.now() - t) / 1000);
  await assertAllStored(staged.id);

  line('ingest.e2e', e2eRates, baseline);
  line('ingest.accept-only', [acceptRate], baseline);
  line('worker.drain-only', [drainRate], baseline);
  console.log(`baseline.copy runs=${baselineRates.map((r) => r.toFixed(0)).join(',')}`);
} finally {
  await Promise.all(services.map((s) => s.kill('SIGTERM')));
  await deps.db.$disconnect();
  await deps.pool.end();
  await database.drop();
}
