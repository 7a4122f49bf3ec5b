import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterUsage } from '@kubetrail/core';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { eventList, makeEvent, post } from '../support/events';
import { until } from '../support/processes';

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  await platform?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);
const push = (token: string, events: object[], gzip = false) =>
  post(`${platform.ingestUrl}/v1/webhook`, eventList(events), { token, gzip });
const proxyWatch = (id: string) =>
  makeEvent({
    auditID: id,
    verb: 'watch',
    user: { username: 'system:kube-proxy', groups: ['system:authenticated'] },
    objectRef: { resource: 'endpoints', apiVersion: 'v1' },
  });

/** What the stored events say, counted directly: per cluster and day of storage. */
async function storedPerDay(clusterId: string): Promise<Map<string, number>> {
  const { rows } = await platform.deps.pool.query<{ day: string; n: string }>(
    `SELECT to_char(b.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(b.stored_count)::text AS n
       FROM stored_batches b WHERE b.cluster_id = $1 GROUP BY 1`,
    [clusterId],
  );
  const events = await platform.countEvents(clusterId);
  const total = rows.reduce((s, r) => s + Number(r.n), 0);
  assert.equal(total, Number(events), 'the batch markers account for every stored event');
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

test('usage equals the stored events; a re-sent batch is received twice but stored once; gzip is counted on the wire', async () => {
  const cluster = await platform.newCluster();
  const first = Array.from({ length: 20 }, (_, i) => makeEvent({ auditID: `a-${i}`, verb: 'get' }));
  assert.equal((await push(cluster.token, first)).status, 200);
  assert.equal((await push(cluster.token, first)).status, 200);
  const second = Array.from({ length: 30 }, (_, i) => makeEvent({ auditID: `b-${i}`, verb: 'list' }));
  assert.equal((await push(cluster.token, second, true)).status, 200);
  await platform.waitForEvents(cluster.id, 50);
  await until(
    async () => (await clusterUsage(platform.deps, { projectId: platform.projectId, clusterId: cluster.id }))[0]?.eventsReceived === 70,
    10_000,
    'usage of all three batches',
  );

  const [row, ...rest] = await clusterUsage(platform.deps, { projectId: platform.projectId, clusterId: cluster.id });
  assert.equal(rest.length, 0);
  assert.equal(row!.day, today());
  assert.equal(row!.eventsStored, (await storedPerDay(cluster.id)).get(today()));
  assert.equal(row!.eventsStored, 50);
  assert.equal(row!.eventsReceived, 70);
  assert.equal(row!.droppedByPolicy, 0);
  assert.ok(row!.ingestedBytes < row!.ingestedBytesRaw, 'the gzip batch is smaller on the wire than inflated');
  const { rows } = await platform.deps.pool.query<{ bytes: string }>(
    `SELECT pg_total_relation_size(c.oid)::text AS bytes FROM pg_class c WHERE c.relname = $1`,
    [`audit_events_${cluster.id.replaceAll('-', '_')}_d${today().replaceAll('-', '')}`],
  );
  if (rows[0]) assert.equal(row!.storedBytes, Number(rows[0].bytes));
  assert.ok(row!.storedBytes > 0);
});

test('events the platform policy leaves out count as dropped, not stored', async () => {
  const cluster = await platform.newCluster('managed', 'ack');
  const kept = makeEvent({
    auditID: 'k-1',
    verb: 'create',
    objectRef: { resource: 'pods', namespace: 'default', name: 'web', apiVersion: 'v1' },
  });
  assert.equal((await push(cluster.token, [kept, proxyWatch('d-1'), proxyWatch('d-2')])).status, 200);
  await until(
    async () => (await clusterUsage(platform.deps, { projectId: platform.projectId, clusterId: cluster.id })).length === 1,
    10_000,
    'usage row',
  );
  const [row] = await clusterUsage(platform.deps, { projectId: platform.projectId, clusterId: cluster.id });
  assert.equal(row!.droppedByPolicy, 2);
  assert.equal(row!.eventsStored, Number(await platform.countEvents(cluster.id)));
  assert.equal(row!.eventsReceived, 3);
});

test('usage is scoped to the project and its days are checked', async () => {
  const cluster = await platform.newCluster();
  await assert.rejects(clusterUsage(platform.deps, { projectId: 'p-nope', clusterId: cluster.id }), /no cluster/);
  await assert.rejects(clusterUsage(platform.deps, { projectId: platform.projectId, from: '2026-13-01' }), /day|YYYY/);
  await assert.rejects(
    clusterUsage(platform.deps, { projectId: platform.projectId, from: '2026-12-05', to: '2026-12-01' }),
    /before|after|from/,
  );
  assert.deepEqual(await clusterUsage(platform.deps, { projectId: platform.projectId, clusterId: cluster.id }), []);
});
