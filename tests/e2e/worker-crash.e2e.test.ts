import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testRedisUrl } from '@kubetrail/db/testing';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { makeEvent, post } from '../support/events';
import { startService, sleep, until, type Service } from '../support/processes';

let platform: TestPlatform;
const services: Service[] = [];

before(async () => {
  // The ingest runs in this process; the worker is a real process we can SIGKILL.
  platform = await startTestPlatform({ withWorker: false });
});
after(async () => {
  await Promise.all(services.map((s) => s.kill('SIGKILL')));
  await platform?.stop();
});

const workerEnv = () => ({
  DATABASE_URL: platform.database.url,
  REDIS_URL: testRedisUrl(),
  QUEUE_PREFIX: platform.queuePrefix,
  WORKER_CONCURRENCY: '2',
  WORKER_LOCK_MS: '2000',
});

test('a worker killed with SIGKILL mid-way loses nothing and stores nothing twice', async () => {
  const cluster = await platform.newCluster();
  const BATCHES = 60;
  const PER_BATCH = 200;
  for (let b = 0; b < BATCHES; b++) {
    const res = await post(
      `${platform.ingestUrl}/trpc/agent.pushBatch`,
      { streamId: 'crash-test', seq: b, events: Array.from({ length: PER_BATCH }, () => makeEvent()) },
      { token: cluster.token, gzip: true },
    );
    assert.equal(res.status, 200, res.text);
  }
  const first = startService('worker-1', 'apps/worker/src/main.ts', workerEnv());
  services.push(first);
  await first.waitFor(/worker started/);
  // Kill it while it is part-way through the queue.
  await until(async () => (await platform.countEvents(cluster.id)) > 0, 30_000, 'first events');
  await first.kill('SIGKILL');
  const stored = await platform.countEvents(cluster.id);
  assert.ok(stored < BATCHES * PER_BATCH, `the worker was killed before finishing (stored ${stored})`);

  await sleep(500);
  const second = startService('worker-2', 'apps/worker/src/main.ts', workerEnv());
  services.push(second);
  await until(async () => (await platform.countEvents(cluster.id)) >= BATCHES * PER_BATCH, 60_000, 'all events after restart');
  await sleep(2_500); // a stalled job re-run would show up as extra rows now
  assert.equal(await platform.countEvents(cluster.id), BATCHES * PER_BATCH);
  const { rows } = await platform.deps.pool.query<{ n: number; seqs: number }>(
    'SELECT count(*) AS n, count(DISTINCT seq) AS seqs FROM stored_batches WHERE cluster_id = $1',
    [cluster.id],
  );
  assert.deepEqual(rows[0], { n: BATCHES, seqs: BATCHES });
  assert.equal(await second.kill('SIGTERM'), 0, 'SIGTERM stops the worker cleanly');
});
