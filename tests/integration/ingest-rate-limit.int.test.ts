import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LIMITS } from '@kubetrail/contracts';
import { setQuotas } from '@kubetrail/core';
import { createIngestDeps, createIngestServer } from '@kubetrail/ingest';
import { testRedisUrl } from '@kubetrail/db/testing';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { eventList, makeEvent, post } from '../support/events';

// A rate of 10 events/s makes a bucket of 20 (two seconds' worth, rate-limit.ts).
const RATE = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const events = (n: number) => Array.from({ length: n }, () => makeEvent());

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  await platform?.stop();
});

async function ratedCluster(eventsPerSecond = RATE) {
  const c = await platform.newCluster();
  await setQuotas(platform.deps, { cluster: c.id }, { ingestEventsPerSecond: eventsPerSecond });
  return c;
}

async function storedIds(clusterId: string, ids: string[]): Promise<string[]> {
  const { rows } = await platform.deps.pool.query<{ audit_id: string }>(
    'SELECT audit_id FROM audit_events WHERE cluster_id = $1 AND audit_id = ANY($2)',
    [clusterId, ids],
  );
  return rows.map((r) => r.audit_id);
}

const retryAfter = (res: { headers: Headers }) => Number(res.headers.get('retry-after'));

test('webhook: a batch over the cluster rate gets 429 + Retry-After, stores nothing, spares other clusters, passes after the wait', async () => {
  const a = await ratedCluster();
  const b = await platform.newCluster();
  const url = `${platform.ingestUrl}/v1/webhook`;
  assert.equal((await post(url, eventList(events(2 * RATE)), { token: a.token })).status, 200, 'a full bucket takes its capacity');

  const refusedBatch = events(5);
  const res = await post(url, eventList(refusedBatch), { token: a.token });
  assert.equal(res.status, 429, res.text);
  assert.equal(res.json.code, 'RATE_LIMITED');
  assert.match(
    res.json.message!,
    new RegExp(`^cluster ${a.id} is over its ingest quota of 10 events/s \\(this batch: 5 events\\); nothing was stored`),
  );
  assert.match(res.json.message!, new RegExp(`kubetrail quota set --cluster ${a.id} --ingest-events-per-second N`));
  // Five tokens at ten a second: half a second, rounded up to whole seconds.
  assert.equal(res.headers.get('retry-after'), '1');

  const other = await post(url, eventList(events(30)), { token: b.token });
  assert.equal(other.status, 200, 'another cluster has its own bucket (and the default 5,000/s)');

  assert.equal(await platform.waitForEvents(a.id, 20), 20);
  assert.equal(await platform.waitForEvents(b.id, 30), 30);
  await sleep(300);
  assert.equal(await platform.countEvents(a.id), 20, 'the refused batch added nothing');
  assert.deepEqual(
    await storedIds(
      a.id,
      refusedBatch.map((e) => e.auditID),
    ),
    [],
  );

  await sleep(retryAfter(res) * 1000);
  const again = await post(url, eventList(refusedBatch), { token: a.token });
  assert.equal(again.status, 200, again.text);
  assert.equal(await platform.waitForEvents(a.id, 25), 25);
  assert.equal(
    (
      await storedIds(
        a.id,
        refusedBatch.map((e) => e.auditID),
      )
    ).length,
    5,
  );

  const metrics = await (await fetch(`${platform.ingestUrl}/metrics`)).text();
  assert.match(metrics, /^kubetrail_ingest_rate_limited_total [1-9]\d*$/m);
  assert.match(metrics, /^kubetrail_ingest_rate_limited_events_total [1-9]\d*$/m);
  assert.match(metrics, /^kubetrail_ingest_requests_total\{route="webhook",status="429"\} [1-9]\d*$/m);
});

test('agent.pushBatch: 429 + Retry-After with appCode RATE_LIMITED; the same seq is stored once after the wait', async () => {
  const c = await ratedCluster();
  const push = (seq: number, batch: unknown[]) =>
    post(`${platform.ingestUrl}/trpc/agent.pushBatch`, { streamId: 'node-1', seq, events: batch }, { token: c.token });
  assert.equal((await push(0, events(2 * RATE))).status, 200);

  const second = events(RATE);
  const res = await push(1, second);
  assert.equal(res.status, 429, res.text);
  assert.equal(res.headers.get('retry-after'), '1');
  const error = (res.json as unknown as { error: { message: string; data: { appCode: string; httpStatus: number } } }).error;
  assert.equal(error.data.appCode, 'RATE_LIMITED');
  assert.equal(error.data.httpStatus, 429);
  assert.match(error.message, /is over its ingest quota of 10 events\/s \(this batch: 10 events\)/);

  assert.equal(await platform.waitForEvents(c.id, 20), 20);
  const marker = await platform.deps.pool.query('SELECT 1 FROM stored_batches WHERE cluster_id = $1 AND seq = 1', [c.id]);
  assert.equal(marker.rowCount, 0, 'no batch marker for the refused seq');
  assert.deepEqual(
    await storedIds(
      c.id,
      second.map((e) => e.auditID),
    ),
    [],
  );

  await sleep(retryAfter(res) * 1000);
  const again = await push(1, second);
  assert.equal(again.status, 200, again.text);
  assert.equal(await platform.waitForEvents(c.id, 30), 30);
});

test('a batch larger than the whole bucket passes when the bucket is full, and the debt holds the next one off', async () => {
  const c = await ratedCluster();
  const url = `${platform.ingestUrl}/v1/webhook`;
  const big = await post(url, eventList(events(5 * RATE)), { token: c.token });
  assert.equal(big.status, 200, `50 events against a bucket of 20: ${big.text}`);
  const next = await post(url, eventList(events(1)), { token: c.token });
  assert.equal(next.status, 429, next.text);
  // 20 − 50 leaves 30 tokens owed; one more event needs 31, 3.1 s at 10/s.
  const wait = retryAfter(next);
  assert.ok(wait === 4 || wait === 3, `Retry-After ${wait}`);
});

test('the bucket is shared by every ingest instance through Redis', async () => {
  const c = await ratedCluster();
  const second = createIngestDeps({
    databaseUrl: platform.database.url,
    redisUrl: testRedisUrl(),
    port: 0,
    host: '127.0.0.1',
    queuePrefix: platform.queuePrefix,
    limits: DEFAULT_LIMITS,
    maxQueueDepth: 5_000,
    authCacheMs: 200,
  });
  const server = createIngestServer(second);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const secondUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    assert.equal((await post(`${platform.ingestUrl}/v1/webhook`, eventList(events(2 * RATE)), { token: c.token })).status, 200);
    const res = await post(`${secondUrl}/v1/webhook`, eventList(events(5)), { token: c.token });
    assert.equal(res.status, 429, res.text);
    assert.equal(res.json.code, 'RATE_LIMITED');
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await second.close();
  }
});

test('a new rate applies within the token cache, without a restart', async () => {
  const c = await ratedCluster(1);
  const url = `${platform.ingestUrl}/v1/webhook`;
  assert.equal((await post(url, eventList(events(3)), { token: c.token })).status, 200, 'a full bucket (2) lets one larger batch through');
  assert.equal((await post(url, eventList(events(3)), { token: c.token })).status, 429);
  await setQuotas(platform.deps, { cluster: c.id }, { ingestEventsPerSecond: 1_000 });
  await sleep(300); // the platform's INGEST_AUTH_CACHE_MS is 200
  assert.equal((await post(url, eventList(events(3)), { token: c.token })).status, 200);
});
