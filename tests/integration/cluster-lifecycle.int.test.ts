import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AppError } from '@kubetrail/contracts';
import {
  batchJobFor,
  clusterDetail,
  createCluster,
  createClusterToken,
  createProject,
  deleteCluster,
  fleetOverview,
  maintainPartitions,
  PartitionCache,
  renameCluster,
  revokeClusterToken,
  setClusterPolicyPreset,
  setQuotas,
  storeBatch,
  type CoreDeps,
  type FleetRow,
} from '@kubetrail/core';
import {
  addDays,
  addRollupRows,
  clusterPartitionName,
  copyEventText,
  ensureDayPartitions,
  EVENT_TABLE,
  lockClusterStorage,
  quoteIdent,
  utcDay,
  type Pool,
} from '@kubetrail/db';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { makeEvent, post } from '../support/events';

const HOUR_MS = 3_600_000;
const now = new Date();
const today = utcDay(now);
const startOfToday = Date.parse(`${today}T00:00:00Z`);
const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
/** An instant on the day `daysAgo` before today, never in the future. */
const onDay = (daysAgo: number, minute = 0): string =>
  daysAgo === 0
    ? new Date(startOfToday + Math.floor((now.getTime() - startOfToday) / 2) + minute * 1000).toISOString()
    : new Date(Date.parse(`${addDays(today, -daysAgo)}T12:00:00Z`) + minute * 60_000).toISOString();

/** Events per cluster: how many on the day so many days ago (8 and 7 are outside the 7-day window). */
const PLAN = {
  alpha: { 0: 3, 1: 2, 3: 4, 8: 1 },
  beta: { 0: 1, 6: 5, 7: 2 },
  other: { 0: 6, 2: 2 },
} as const;
type Planned = keyof typeof PLAN;

let platform: TestPlatform;
let deps: CoreDeps;
let projectA: string;
let projectB: string;
const clusters = {} as Record<Planned, { id: string; token: string }>;
const sent = {} as Record<Planned, string[]>;
/** A worker's partition cache that saw the deleted cluster's partitions before the delete. */
const warmCache = new PartitionCache();

const events = (name: Planned) =>
  Object.entries(PLAN[name]).flatMap(([daysAgo, n]) =>
    Array.from({ length: n }, (_, i) => {
      const at = onDay(Number(daysAgo), i);
      return makeEvent({ stageTimestamp: at, requestReceivedTimestamp: at, sourceIPs: ['8.8.8.8'] });
    }),
  );

async function heartbeat(token: string, streamId: string, agentVersion: string) {
  const beat = { streamId, agentVersion, kubernetesVersion: 'v1.30.2', mode: 'tail', lagSeconds: 0.5, pendingBatches: 1, lastSeq: 0 };
  const res = await post(`${platform.ingestUrl}/trpc/agent.heartbeat`, beat, { token });
  assert.equal(res.status, 200, res.text);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = async (sql: string, values: unknown[]) => (await deps.pool.query<{ n: number }>(sql, values)).rows[0]!.n;

before(async () => {
  platform = await startTestPlatform();
  deps = platform.deps;
  projectA = platform.projectId;
  projectB = (await createProject(deps, `other-${randomUUID().slice(0, 8)}`)).id;
  const make = async (project: string, name: string) => {
    const c = await createCluster(deps, { project, name, policyPreset: 'none' });
    return { id: c.id, token: c.token };
  };
  clusters.alpha = await make(projectA, 'alpha');
  clusters.beta = await make(projectA, 'beta');
  // The same name in another project: names are unique per project only.
  clusters.other = await make(projectB, 'alpha');
  // A rate above anything sent here, only so that each cluster has a cluster_quotas row for the delete to remove.
  for (const name of Object.keys(PLAN) as Planned[])
    await setQuotas(deps, { cluster: clusters[name].id }, { ingestEventsPerSecond: 10_000 });
  for (const name of Object.keys(PLAN) as Planned[]) {
    const batch = events(name);
    sent[name] = batch.map((e) => e.stageTimestamp);
    // Through the real ingest and worker, as an agent stream sends them.
    const half = Math.ceil(batch.length / 2);
    for (const [seq, part] of [batch.slice(0, half), batch.slice(half)].entries()) {
      const res = await post(
        `${platform.ingestUrl}/trpc/agent.pushBatch`,
        { streamId: 'node-1', seq, events: part },
        { token: clusters[name].token },
      );
      assert.equal(res.status, 200, res.text);
    }
    assert.equal(await platform.waitForEvents(clusters[name].id, batch.length), batch.length);
  }
  await heartbeat(clusters.alpha.token, 'node-1', '0.9.0');
  await new Promise((r) => setTimeout(r, 20));
  await heartbeat(clusters.alpha.token, 'node-2', '1.0.0');
  await heartbeat(clusters.other.token, 'node-1', '1.0.0');
  await setClusterPolicyPreset(deps, clusters.alpha.id, 'ack');
  await setClusterPolicyPreset(deps, clusters.other.id, 'ack');
  // The worker locates source addresses just after each batch commits.
  await until('source address locations', async () => {
    const n = await count('SELECT count(DISTINCT cluster_id)::int AS n FROM ip_locations WHERE cluster_id = ANY($1)', [
      [clusters.alpha.id, clusters.other.id],
    ]);
    return n === 2;
  });
});
after(async () => {
  await platform?.stop();
});

const expectedPerDay = (name: Planned) =>
  Array.from({ length: 7 }, (_, i) => {
    const daysAgo = 6 - i;
    return { day: addDays(today, -daysAgo), events: (PLAN[name] as Record<number, number>)[daysAgo] ?? 0 };
  });
/** The rule eventsLast24h follows: the current UTC hour and the 23 before it. */
const expectedLast24h = (name: Planned) => sent[name].filter((ts) => Date.parse(ts) >= currentHour - 23 * HOUR_MS).length;
const newest = (name: Planned) => Math.max(...sent[name].map((ts) => Date.parse(ts)));

describe('fleet overview', () => {
  test("shows only the project's clusters, with 7 days of counts from the rollups", async () => {
    const a = await fleetOverview(deps.pool, projectA, now);
    assert.deepEqual(
      a.map((r) => [r.clusterName, r.clusterId]),
      [
        ['alpha', clusters.alpha.id],
        ['beta', clusters.beta.id],
      ],
    );
    const b = await fleetOverview(deps.pool, projectB, now);
    assert.deepEqual(
      b.map((r) => r.clusterId),
      [clusters.other.id],
    );
    assert.deepEqual(await fleetOverview(deps.pool, 'p-nosuchproject', now), []);

    const rows: Record<Planned, FleetRow> = { alpha: a[0]!, beta: a[1]!, other: b[0]! };
    for (const name of Object.keys(PLAN) as Planned[]) {
      const row = rows[name];
      assert.equal(row.eventsPerDay.length, 7);
      assert.deepEqual(row.eventsPerDay, expectedPerDay(name), `${name} per day`);
      assert.equal(row.eventsLast24h, expectedLast24h(name), `${name} last 24 h`);
      assert.equal(row.lastEventAt?.getTime(), newest(name), `${name} last event`);
    }
    const names = await deps.db.project.findMany({ where: { id: { in: [projectA, projectB] } } });
    assert.equal(rows.alpha.projectName, names.find((p) => p.id === projectA)?.name);
    assert.equal(rows.other.projectName, names.find((p) => p.id === projectB)?.name);
    assert.deepEqual([rows.alpha.agentVersion, rows.alpha.kubernetesVersion, rows.alpha.lagSeconds], ['1.0.0', 'v1.30.2', 0.5]);
    assert.equal(rows.alpha.status, 'healthy');
    assert.deepEqual([rows.beta.status, rows.beta.lastHeartbeatAt, rows.beta.agentVersion], ['waiting', null, null]);
  });

  test('the per-day counts equal the stored events of each day', async () => {
    const { rows } = await deps.pool.query<{ day: string; n: number }>(
      `SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n FROM audit_events
        WHERE cluster_id = $1 AND ts >= $2 GROUP BY 1`,
      [clusters.alpha.id, `${addDays(today, -6)}T00:00:00Z`],
    );
    const stored = Object.fromEntries(rows.map((r) => [r.day, r.n]));
    const [row] = (await fleetOverview(deps.pool, projectA, now)).filter((r) => r.clusterId === clusters.alpha.id);
    for (const { day, events } of row!.eventsPerDay) assert.equal(events, stored[day] ?? 0, day);
  });

  test('reads at most one day partition of events per statement, whatever a cluster holds', async () => {
    const statements: { text: string; values: unknown[] }[] = [];
    const spy = {
      query: (text: string, values?: unknown[]) => {
        statements.push({ text, values: values ?? [] });
        return deps.pool.query(text, values);
      },
    } as unknown as Pool;
    await fleetOverview(spy, projectA, now);
    await clusterDetail(spy, projectA, clusters.alpha.id, now);
    const onEvents = statements.filter((s) => /\baudit_events\b/.test(s.text));
    assert.ok(onEvents.length > 0, 'the last event time is read from the events');
    for (const s of onEvents) {
      const { rows } = await deps.pool.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${s.text}`, s.values);
      const scanned = relations(rows[0]!['QUERY PLAN']).filter((r) => r.startsWith('audit_events_c_'));
      assert.ok(scanned.length <= 1, `${s.text} plans ${scanned.join(', ')}`);
    }
  });
});

function relations(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(relations);
  if (plan === null || typeof plan !== 'object') return [];
  const node = plan as Record<string, unknown>;
  return [...(typeof node['Relation Name'] === 'string' ? [node['Relation Name']] : []), ...Object.values(node).flatMap(relations)];
}

describe('cluster detail', () => {
  test("is the cluster's overview row with its live tokens and every agent stream", async () => {
    const detail = await clusterDetail(deps.pool, projectA, clusters.alpha.id, now);
    assert.ok(detail);
    const { liveTokens, streams, ...row } = detail;
    const [listed] = (await fleetOverview(deps.pool, projectA, now)).filter((r) => r.clusterId === clusters.alpha.id);
    assert.deepEqual(row, listed);
    assert.equal(liveTokens, 1);
    assert.deepEqual(
      streams.map((s) => [s.streamId, s.agentVersion, s.kubernetesVersion, s.mode, s.lagSeconds, s.pendingBatches]),
      [
        ['node-2', '1.0.0', 'v1.30.2', 'tail', 0.5, 1],
        ['node-1', '0.9.0', 'v1.30.2', 'tail', 0.5, 1],
      ],
    );
    assert.ok(streams.every((s) => s.receivedAt instanceof Date));

    const extra = await createClusterToken(deps, clusters.alpha.id);
    const revoked = await createClusterToken(deps, clusters.alpha.id);
    await revokeClusterToken(deps, clusters.alpha.id, revoked.tokenId);
    assert.equal((await clusterDetail(deps.pool, projectA, clusters.alpha.id, now))?.liveTokens, 2);
    await revokeClusterToken(deps, clusters.alpha.id, extra.tokenId);
  });

  test("is null for another project's cluster or an unknown one", async () => {
    assert.equal(await clusterDetail(deps.pool, projectB, clusters.alpha.id, now), null);
    assert.equal(await clusterDetail(deps.pool, projectA, 'c-nosuchcluster', now), null);
  });
});

const rejects = (p: Promise<unknown>, code: string, message: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code && message.test(e.message));

describe('rename', () => {
  test('renames within the project and returns the cluster before and after', async () => {
    const { before, after } = await renameCluster(deps, clusters.beta.id, 'gamma', projectA);
    assert.deepEqual([before.id, before.name, after.id, after.name], [clusters.beta.id, 'beta', clusters.beta.id, 'gamma']);
    assert.deepEqual(
      (await fleetOverview(deps.pool, projectA, now)).map((r) => r.clusterName),
      ['alpha', 'gamma'],
    );
    // A name another project uses is free here.
    const again = await renameCluster(deps, clusters.beta.id, 'beta');
    assert.equal(again.after.name, 'beta');
  });

  test('a name taken in the project is a conflict that names it; bad names and foreign clusters are refused', async () => {
    await rejects(renameCluster(deps, clusters.beta.id, 'alpha', projectA), 'CONFLICT', /already has a cluster named "alpha"/);
    await rejects(renameCluster(deps, clusters.beta.id, 'Not_A_Name', projectA), 'BAD_REQUEST', /cluster name "Not_A_Name" must be/);
    await rejects(renameCluster(deps, clusters.beta.id, 'delta', projectB), 'NOT_FOUND', /no cluster/);
    assert.equal((await deps.db.cluster.findUnique({ where: { id: clusters.beta.id } }))?.name, 'beta');
  });
});

/** Every app table with a `cluster_id` column (the event table's parent, not its partitions). */
async function clusterTables(): Promise<string[]> {
  const { rows } = await deps.pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE a.attname = 'cluster_id' AND c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        AND NOT c.relispartition ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** Everything stored for one cluster: rows per table, its partitions, and a digest of its events. */
async function snapshot(clusterId: string) {
  const rows: Record<string, number> = {};
  for (const table of await clusterTables())
    rows[table] = await count(`SELECT count(*)::int AS n FROM ${quoteIdent(table)} WHERE cluster_id = $1`, [clusterId]);
  rows.clusters = await count('SELECT count(*)::int AS n FROM clusters WHERE id = $1', [clusterId]);
  const partitions = (
    await deps.pool.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relname LIKE $1 ORDER BY relname`, [
      `${clusterPartitionName(clusterId)}%`,
    ])
  ).rows.map((r) => r.relname);
  const { rows: digest } = await deps.pool.query<{ digest: string | null; rollup: number }>(
    `SELECT (SELECT md5(string_agg(audit_id || stage || ts::text, ',' ORDER BY audit_id, stage)) FROM audit_events WHERE cluster_id = $1) AS digest,
            (SELECT COALESCE(sum(events), 0)::int FROM audit_events_hourly WHERE cluster_id = $1) AS rollup`,
    [clusterId],
  );
  return { rows, partitions, ...digest[0]! };
}

describe('delete', () => {
  test('every cluster table is covered and holds rows of the cluster to delete', async () => {
    const tables = await clusterTables();
    for (const t of [
      'audit_events',
      'audit_events_hourly',
      'ip_locations',
      'stored_batches',
      'agent_heartbeats',
      'cluster_tokens',
      'cluster_policies',
      'cluster_quotas',
    ])
      assert.ok(tables.includes(t), `${t} has a cluster_id column`);
    const { rows, partitions } = await snapshot(clusters.alpha.id);
    for (const [table, n] of Object.entries(rows)) assert.ok(n > 0, `alpha has rows in ${table}`);
    // The list partition and a day partition for each day with events, plus those made ahead.
    assert.ok(partitions.includes(clusterPartitionName(clusters.alpha.id)));
    assert.ok(partitions.length >= 1 + Object.keys(PLAN.alpha).length);
  });

  test('refuses unless the name is typed exactly, and keeps everything', async () => {
    const before = await snapshot(clusters.alpha.id);
    for (const confirmName of ['', 'Alpha', ' alpha', 'alpha ', clusters.alpha.id])
      await rejects(deleteCluster(deps, clusters.alpha.id, { confirmName }), 'BAD_REQUEST', /type the cluster's name "alpha" exactly/);
    // Another project's cluster of the same name cannot be reached through this one.
    await rejects(deleteCluster(deps, clusters.other.id, { confirmName: 'alpha', projectId: projectA }), 'NOT_FOUND', /no cluster/);
    assert.deepEqual(await snapshot(clusters.alpha.id), before);
  });

  test('gives up with a clear error when the event store stays busy, and undoes everything', async () => {
    const before = await snapshot(clusters.alpha.id);
    const reader = await deps.pool.connect();
    try {
      // A long query on another cluster's events holds the event table.
      await reader.query('BEGIN');
      await reader.query('SELECT count(*) FROM audit_events WHERE cluster_id = $1', [clusters.other.id]);
      await rejects(
        deleteCluster(deps, clusters.alpha.id, { confirmName: 'alpha', lockTimeoutMs: 300 }),
        'CONFLICT',
        /was not deleted: the event store stayed busy .*try again/,
      );
    } finally {
      await reader.query('ROLLBACK');
      reader.release();
    }
    assert.deepEqual(await snapshot(clusters.alpha.id), before);
  });

  test("drops the cluster's partitions and every row of it, after its batch in flight, and nothing of other clusters", async () => {
    const others = { beta: await snapshot(clusters.beta.id), other: await snapshot(clusters.other.id) };
    const otherRows = await fleetOverview(deps.pool, projectB, now);

    await warmCache.ensure(deps.pool, clusters.alpha.id, [today]);

    // A batch of the cluster mid-transaction, written as the worker writes one.
    const late = batchJobFor(clusters.alpha.id, [makeEvent({ stageTimestamp: onDay(0), requestReceivedTimestamp: onDay(0) })], {
      batchId: randomUUID(),
    });
    const batch = await deps.pool.connect();
    let deleting: ReturnType<typeof deleteCluster> | undefined;
    try {
      await batch.query('BEGIN');
      await lockClusterStorage(batch, clusters.alpha.id, 'shared');
      await copyEventText(batch, EVENT_TABLE, late.rows);
      await addRollupRows(batch, clusters.alpha.id, late.job.rollups);
      await batch.query(
        `INSERT INTO stored_batches (batch_id, cluster_id, event_count, stored_count, ingested_bytes, received_at)
         VALUES ($1, $2, 1, 1, 1, now())`,
        [late.job.batchId, clusters.alpha.id],
      );
      let settled = false;
      deleting = deleteCluster(deps, clusters.alpha.id, { confirmName: 'alpha' }).finally(() => (settled = true));
      deleting.catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(settled, false, 'the delete waits for the batch in flight');
      await batch.query('COMMIT');
    } finally {
      // On failure, end the batch so the suite can close its pool.
      await batch.query('ROLLBACK').catch(() => {});
      batch.release();
    }
    const { before, after: afterView } = await deleting;
    assert.deepEqual([before.id, before.name, before.projectId, afterView], [clusters.alpha.id, 'alpha', projectA, null]);

    const name = clusterPartitionName(clusters.alpha.id);
    assert.equal((await deps.pool.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [name])).rows[0]!.r, null);
    const gone = await snapshot(clusters.alpha.id);
    assert.deepEqual(gone.partitions, [], 'no day partition is left either');
    for (const [table, n] of Object.entries(gone.rows)) assert.equal(n, 0, `no rows of the cluster in ${table}`);
    assert.equal(gone.digest, null);

    assert.deepEqual(await snapshot(clusters.beta.id), others.beta);
    assert.deepEqual(await snapshot(clusters.other.id), others.other);
    assert.deepEqual(await fleetOverview(deps.pool, projectB, now), otherRows);
    assert.deepEqual(
      (await fleetOverview(deps.pool, projectA, now)).map((r) => r.clusterId),
      [clusters.beta.id],
    );
  });

  test("the deleted cluster's token is refused once the ingest's cache expires", async () => {
    // The test platform caches tokens for 200 ms (the default is 2 s).
    await new Promise((r) => setTimeout(r, 400));
    const res = await post(
      `${platform.ingestUrl}/trpc/agent.pushBatch`,
      { streamId: 'node-1', seq: 9, events: [makeEvent()] },
      { token: clusters.alpha.token },
    );
    assert.equal(res.status, 401, res.text);
  });

  test('a batch still queued for the deleted cluster is dropped and brings no partition back', async () => {
    const job = batchJobFor(clusters.alpha.id, [makeEvent({ stageTimestamp: onDay(0), requestReceivedTimestamp: onDay(0) })], {
      batchId: randomUUID(),
    });
    for (const cache of [warmCache, new PartitionCache()]) {
      const result = await storeBatch(deps.pool, cache, job.job, job.rows);
      assert.deepEqual(result, { batchId: job.job.batchId, stored: 0, duplicate: false, clusterDeleted: true });
    }
    assert.deepEqual(await ensureDayPartitions(deps.pool, clusters.alpha.id, [today]), []);
    await maintainPartitions(deps, 2, now);
    const gone = await snapshot(clusters.alpha.id);
    assert.deepEqual(gone.partitions, []);
    assert.ok(Object.values(gone.rows).every((n) => n === 0));
  });
});
