import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_ALERT_SETTINGS } from '@kubetrail/core';
import { startWorkers } from '@kubetrail/worker';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { eventList, makeEvent, post } from '../support/events';
import { startOwnRedis } from '../support/redis-server';

let platform: TestPlatform | undefined;
let redis: Awaited<ReturnType<typeof startOwnRedis>> | undefined;
after(async () => {
  await platform?.stop();
  await redis?.stop();
});

test('a batch answered 200 survives Redis being killed before any worker ran', async () => {
  redis = await startOwnRedis();
  platform = await startTestPlatform({ withWorker: false, redisUrl: redis.url });
  const cluster = await platform.newCluster();
  const events = Array.from({ length: 25 }, () => makeEvent());
  const res = await post(`${platform.ingestUrl}/v1/webhook`, eventList(events), { token: cluster.token, gzip: true });
  assert.equal(res.status, 200, res.text);

  await redis.kill();
  await redis.restart();

  const workers = startWorkers(
    {
      databaseUrl: platform.database.url,
      redisUrl: redis.url,
      queuePrefix: platform.queuePrefix,
      concurrency: 1,
      lockMs: 5_000,
      partitionDaysAhead: 1,
      alerts: NO_ALERT_SETTINGS,
      alertSettleMs: 60_000,
    },
    platform.deps,
    platform.ingest.producers,
  );
  try {
    assert.equal(await platform.waitForEvents(cluster.id, events.length), events.length);
  } finally {
    await workers.close();
  }
});
