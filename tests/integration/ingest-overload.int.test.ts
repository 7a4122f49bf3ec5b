import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { eventList, makeEvent, post } from '../support/events';

const platforms: TestPlatform[] = [];
after(async () => {
  await Promise.all(platforms.map((p) => p.stop()));
});

test('a full queue answers 503 with Retry-After, and nothing of the refused batch is stored', async () => {
  // No worker drains the queue, so its depth only grows.
  const platform = await startTestPlatform({ withWorker: false, maxQueueDepth: 2 });
  platforms.push(platform);
  const c = await platform.newCluster();
  for (let i = 0; i < 3; i++)
    assert.equal((await post(`${platform.ingestUrl}/v1/webhook`, eventList([makeEvent()]), { token: c.token })).status, 200);
  await new Promise((r) => setTimeout(r, 1_500)); // the guard samples the depth every second
  const res = await post(`${platform.ingestUrl}/v1/webhook`, eventList([makeEvent()]), { token: c.token });
  assert.equal(res.status, 503);
  assert.equal(res.json.code, 'OVERLOADED');
  assert.equal(res.headers.get('retry-after'), '5');
  const counts = await platform.ingest.producers.storeBatch.getJobCounts('wait');
  assert.equal(counts.wait, 3, 'the refused batch was not enqueued');
});

test('Redis unreachable: 503 with Retry-After, /healthz 503, never a silent drop', async () => {
  // Port 1 on loopback refuses connections.
  const platform = await startTestPlatform({ withWorker: false, redisUrl: 'redis://127.0.0.1:1' });
  platforms.push(platform);
  const c = await platform.newCluster();
  const res = await post(`${platform.ingestUrl}/v1/webhook`, eventList([makeEvent()]), { token: c.token });
  assert.equal(res.status, 503, res.text);
  assert.equal(res.json.code, 'OVERLOADED');
  assert.equal(res.headers.get('retry-after'), '5');
  const health = await fetch(`${platform.ingestUrl}/healthz`);
  assert.equal(health.status, 503);
});
