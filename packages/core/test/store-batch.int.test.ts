import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@kubetrail/contracts';
import { createPool, createPrisma, listDayPartitions } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { batchJobFor, createCluster, createProject, maintainPartitions, PartitionCache, storeBatch, type CoreDeps } from '../src/index';

let database: TestDatabase;
let deps: CoreDeps;
let clusterId: string;

before(async () => {
  database = await createTestDatabase();
  deps = { db: createPrisma(database.url), pool: createPool(database.url, 4) };
  const project = await createProject(deps, 'store-tests');
  clusterId = (await createCluster(deps, { project: project.id, name: 'c1' })).id;
});
after(async () => {
  await deps.db.$disconnect();
  await deps.pool.end();
  await database.drop();
});

function event(at: string, extra: Partial<AuditEvent> = {}): AuditEvent {
  return {
    level: 'Metadata',
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: '/api/v1/secrets',
    verb: 'list',
    user: { username: 'system:serviceaccount:kube-system:job-controller' },
    requestReceivedTimestamp: at,
    stageTimestamp: at,
    ...extra,
  };
}

const job = (events: AuditEvent[], batchId = randomUUID()) => batchJobFor(clusterId, events, { batchId, streamId: 's', seq: 1 });
const store = (cache: PartitionCache, b: ReturnType<typeof job>) => storeBatch(deps.pool, cache, b.job, b.rows);

const count = async () =>
  (await deps.pool.query<{ n: number }>('SELECT count(*) AS n FROM audit_events WHERE cluster_id = $1', [clusterId])).rows[0]!.n;

test('a batch is stored once, however often it is delivered', async () => {
  const before = await count();
  const j = job([event(new Date().toISOString()), event(new Date().toISOString())]);
  const cache = new PartitionCache();
  const first = await store(cache, j);
  assert.deepEqual([first.stored, first.duplicate], [2, false]);
  const again = await store(cache, j);
  assert.deepEqual([again.stored, again.duplicate], [0, true]);
  // two workers racing on the same job
  const j2 = job([event(new Date().toISOString())]);
  const results = await Promise.all([store(new PartitionCache(), j2), store(new PartitionCache(), j2)]);
  assert.equal(
    results.reduce((n, r) => n + r.stored, 0),
    1,
  );
  assert.equal(await count(), before + 3);
});

test('events already stored under another batch are skipped, the new ones kept', async () => {
  const before = await count();
  const shared = event(new Date().toISOString());
  await store(new PartitionCache(), job([shared]));
  const fresh = event(new Date().toISOString());
  const result = await store(new PartitionCache(), job([shared, fresh, fresh]));
  assert.equal(result.stored, 1);
  assert.equal(await count(), before + 2);
  const marker = await deps.db.storedBatch.findUnique({ where: { batchId: result.batchId } });
  assert.deepEqual([marker?.eventCount, marker?.storedCount], [3, 1]);
});

test('events of days without a partition get one; other stages of one request are distinct', async () => {
  const old = '2026-01-15T10:00:00.000000Z';
  const received = event(old, { stage: 'RequestReceived' });
  const complete = { ...received, stage: 'ResponseComplete' as const };
  const result = await store(new PartitionCache(), job([received, complete]));
  assert.equal(result.stored, 2);
  assert.ok((await listDayPartitions(deps.pool, clusterId)).includes('2026-01-15'));
});

test('a nanosecond timestamp that PostgreSQL rounds into the next day still lands', async () => {
  const result = await store(new PartitionCache(), job([event('2026-03-01T23:59:59.999999999Z')]));
  assert.equal(result.stored, 1);
  assert.ok((await listDayPartitions(deps.pool, clusterId)).includes('2026-03-02'));
});

test('a partition dropped behind the cache is recreated', async () => {
  const cache = new PartitionCache();
  const day = '2026-02-01T08:00:00.000000Z';
  await store(cache, job([event(day)]));
  await deps.pool.query(`DROP TABLE audit_events_${clusterId.replace('-', '_')}_d20260201`);
  const result = await store(cache, job([event(day)]));
  assert.equal(result.stored, 1);
});

test('partition maintenance creates yesterday to N days ahead for every cluster', async () => {
  const now = new Date('2030-06-10T12:00:00Z');
  const report = await maintainPartitions(deps, 2, now);
  const days = await listDayPartitions(deps.pool, clusterId);
  for (const d of ['2030-06-09', '2030-06-10', '2030-06-11', '2030-06-12']) assert.ok(days.includes(d), d);
  assert.ok(report.some((r) => r.clusterId === clusterId));
  assert.deepEqual(await maintainPartitions(deps, 2, now), [], 'idempotent');
});

test('columns are lifted from the event', async () => {
  const e = event(new Date().toISOString(), {
    user: { username: 'bob@example.com', groups: ['ops'] },
    objectRef: { resource: 'secrets', namespace: 'prod', name: 'db-pass', subresource: '' },
    sourceIPs: ['198.51.100.4'],
    responseStatus: { code: 403 },
    annotations: { 'authorization.k8s.io/decision': 'forbid' },
  });
  await store(new PartitionCache(), job([e]));
  const { rows } = await deps.pool.query(
    'SELECT user_kind, namespace, resource, object_name, status_code, host(source_ip) AS ip, decision, event_bytes FROM audit_events WHERE audit_id = $1',
    [e.auditID],
  );
  assert.deepEqual(rows[0], {
    user_kind: 'human',
    namespace: 'prod',
    resource: 'secrets',
    object_name: 'db-pass',
    status_code: 403,
    ip: '198.51.100.4',
    decision: 'forbid',
    event_bytes: Buffer.byteLength(JSON.stringify(e)),
  });
});
