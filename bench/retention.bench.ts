// Retention drops whole day partitions, so its time should not grow with the
// rows stored: the same number of expired days is dropped from a cluster with
// N events and from one with 10×N, measured in the same run (target ratio ~1).
// Both hold the same few rollup rows (5 users × 2 namespaces per hour), so the
// figure is about the events; rollups are deleted by range and stay small.
// What still grows is the kernel freeing the dropped files' blocks (on a disk
// mounted with `discard` that is a synchronous TRIM per extent), so a second
// line sets the run against deleting the same 10×N rows row by row, the
// alternative the partition layout exists to avoid.
import { randomUUID } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '@kubetrail/contracts';
import { buildBatchRows, createCluster, createProject, runRetention, type CoreDeps } from '@kubetrail/core';
import {
  addDays,
  copyEventText,
  createPool,
  dayPartitionSizes,
  createPrisma,
  ensureDayPartitions,
  EVENT_TABLE,
  utcDay,
  withTransaction,
} from '@kubetrail/db';
import { createTestDatabase } from '@kubetrail/db/testing';

const ROWS = Number(process.env.BENCH_RETENTION_ROWS ?? 20_000);
const EXPIRED_DAYS = 10;
const CHUNK = 20_000;
const RETENTION = 30;

const now = new Date();
const today = utcDay(now);
const days = Array.from({ length: EXPIRED_DAYS }, (_, i) => addDays(today, -(RETENTION + 1 + i)));

function event(day: string, i: number): AuditEvent {
  const ts = new Date(Date.parse(`${day}T00:00:00Z`) + (i % 86_400) * 1000).toISOString();
  return {
    level: 'Metadata',
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: `/api/v1/namespaces/ns-${i % 2}/pods`,
    verb: 'list',
    user: { username: `user-${i % 5}`, groups: ['system:authenticated'] },
    sourceIPs: ['10.0.0.7'],
    objectRef: { resource: 'pods', namespace: `ns-${i % 2}`, apiVersion: 'v1' },
    responseStatus: { code: 200 },
    requestReceivedTimestamp: ts,
    stageTimestamp: ts,
  };
}

async function fill(deps: CoreDeps, clusterId: string, rows: number): Promise<void> {
  await ensureDayPartitions(deps.pool, clusterId, days);
  for (let done = 0; done < rows; done += CHUNK) {
    const n = Math.min(CHUNK, rows - done);
    const events = Array.from({ length: n }, (_, k) => event(days[(done + k) % EXPIRED_DAYS]!, done + k));
    const { rows: text } = buildBatchRows(
      events,
      events.map((e) => JSON.stringify(e)),
      clusterId,
      `bench-${clusterId}-${done}`,
    );
    await withTransaction(deps.pool, (client) => copyEventText(client, EVENT_TABLE, text));
  }
}

const storedBytes = async (deps: CoreDeps, clusterId: string) =>
  (await dayPartitionSizes(deps.pool, clusterId)).reduce((n, p) => n + p.bytes, 0);

/**
 * The kernel's share: freeing as many bytes of a flushed file on this
 * machine's temp filesystem (the same disk as PostgreSQL's here; elsewhere an
 * approximation), as PostgreSQL's DROP does when it commits.
 */
async function timeFileFreeing(bytes: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'kt-bench-'));
  try {
    const file = await open(join(dir, 'blocks'), 'w');
    const chunk = Buffer.alloc(1 << 20, 1);
    for (let written = 0; written < bytes; written += chunk.length) await file.write(chunk, 0, Math.min(chunk.length, bytes - written));
    await file.sync();
    const t = performance.now();
    await file.truncate(0);
    const seconds = (performance.now() - t) / 1000;
    await file.close();
    return seconds;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function timeRowDelete(deps: CoreDeps, clusterId: string): Promise<number> {
  const t = performance.now();
  const { rowCount } = await deps.pool.query(`DELETE FROM ${EVENT_TABLE} WHERE cluster_id = $1 AND ts < $2::timestamptz`, [
    clusterId,
    `${addDays(today, -RETENTION)}T00:00:00Z`,
  ]);
  const seconds = (performance.now() - t) / 1000;
  if (rowCount !== ROWS * 10) throw new Error(`deleted ${rowCount ?? 0} rows, not ${ROWS * 10}`);
  return seconds;
}

async function timeRun(deps: CoreDeps, clusterId: string): Promise<number> {
  const t = performance.now();
  const [result] = await runRetention(deps, { clusterId, now });
  const seconds = (performance.now() - t) / 1000;
  if (result?.droppedDays.length !== EXPIRED_DAYS) throw new Error(`dropped ${result?.droppedDays.length ?? 0} days, not ${EXPIRED_DAYS}`);
  return seconds;
}

const database = await createTestDatabase('kt_bench_retention');
const deps: CoreDeps = { db: createPrisma(database.url), pool: createPool(database.url, 2) };
try {
  const project = await createProject(deps, 'bench');
  const make = async (name: string) => (await createCluster(deps, { project: project.id, name, policyPreset: 'none' })).id;
  const [warm, small, large, rowByRow] = [await make('warm-up'), await make('small'), await make('large'), await make('row-by-row')];
  await fill(deps, warm, EXPIRED_DAYS);
  await fill(deps, small, ROWS);
  await fill(deps, large, ROWS * 10);
  await fill(deps, rowByRow, ROWS * 10);
  await deps.pool.query('ANALYZE audit_events');
  // Expired days were written weeks ago and flushed long since: flush these too, so the drop is not
  // also writing out freshly copied pages.
  await deps.pool.query('CHECKPOINT');
  const [smallBytes, largeBytes] = [await storedBytes(deps, small), await storedBytes(deps, large)];
  await timeRun(deps, warm);
  const baseline = await timeRun(deps, small);
  const seconds = await timeRun(deps, large);
  const deleteSeconds = await timeRowDelete(deps, rowByRow);
  const [smallFreeing, largeFreeing] = [await timeFileFreeing(smallBytes), await timeFileFreeing(largeBytes)];
  const net = (s: number, freeing: number) => Math.max(s - freeing, 1e-4);
  console.log(
    `retention.run expired-days=${EXPIRED_DAYS} rows=${ROWS * 10} seconds=${seconds.toFixed(3)} baseline.rows=${ROWS} seconds=${baseline.toFixed(3)} ratio=${(seconds / baseline).toFixed(2)}`,
  );
  console.log(
    `retention.run.less-file-freeing rows=${ROWS * 10} bytes=${largeBytes} seconds=${net(seconds, largeFreeing).toFixed(3)} baseline.rows=${ROWS} bytes=${smallBytes} seconds=${net(baseline, smallFreeing).toFixed(3)} ratio=${(net(seconds, largeFreeing) / net(baseline, smallFreeing)).toFixed(2)}`,
  );
  console.log(
    `retention.run rows=${ROWS * 10} seconds=${seconds.toFixed(3)} baseline.row-by-row-delete rows=${ROWS * 10} seconds=${deleteSeconds.toFixed(3)} ratio=${(seconds / deleteSeconds).toFixed(3)}`,
  );
} finally {
  await deps.db.$disconnect();
  await deps.pool.end();
  await database.drop();
}
