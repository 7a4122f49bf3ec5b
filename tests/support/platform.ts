import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LIMITS, type IngestLimits } from '@kubetrail/contracts';
import {
  createCluster,
  createProject,
  NO_ALERT_SETTINGS,
  type AlertSettings,
  type CoreDeps,
  type PolicyPresetChoice,
} from '@kubetrail/core';
import { createPool, createPrisma } from '@kubetrail/db';
import { createTestDatabase, testRedisUrl, type TestDatabase } from '@kubetrail/db/testing';
import { createIngestDeps, createIngestServer } from '@kubetrail/ingest';
import { scheduleAlertTick, startWorkers } from '@kubetrail/worker';

export interface TestPlatform {
  ingestUrl: string;
  database: TestDatabase;
  queuePrefix: string;
  deps: CoreDeps;
  ingest: ReturnType<typeof createIngestDeps>;
  projectId: string;
  /**
   * The spine's tests check that what is sent is what is stored, so their
   * clusters keep every event unless a preset is asked for; the default
   * preset itself is covered by the policy guard's tests.
   */
  newCluster(type?: 'managed' | 'dedicated', policyPreset?: PolicyPresetChoice): Promise<{ id: string; token: string; tokenId: string }>;
  countEvents(clusterId?: string): Promise<number>;
  waitForEvents(clusterId: string, n: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  limits?: Partial<IngestLimits>;
  maxQueueDepth?: number;
  withWorker?: boolean;
  redisUrl?: string;
  /** the worker's channel settings (allow-list, secrets key); none by default */
  alerts?: AlertSettings;
  /** tick for due alert windows this often, with windows due this long after they end; no tick when absent */
  alertTick?: { everyMs: number; settleMs: number };
}

/** A real ingest server and store worker in this process, on a database and queue prefix of their own. */
export async function startTestPlatform(options: PlatformOptions = {}): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const queuePrefix = `kt-test-${randomBytes(4).toString('hex')}`;
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const ingest = createIngestDeps({
    databaseUrl: database.url,
    redisUrl,
    port: 0,
    host: '127.0.0.1',
    queuePrefix,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    maxQueueDepth: options.maxQueueDepth ?? 5_000,
    authCacheMs: 200,
  });
  const server = createIngestServer(ingest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ingestUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const deps: CoreDeps = { db: createPrisma(database.url), pool: createPool(database.url, 4) };
  const workers =
    options.withWorker === false
      ? undefined
      : startWorkers(
          {
            databaseUrl: database.url,
            redisUrl,
            queuePrefix,
            concurrency: 2,
            lockMs: 5_000,
            partitionDaysAhead: 2,
            alerts: options.alerts ?? NO_ALERT_SETTINGS,
            alertSettleMs: options.alertTick?.settleMs ?? 60_000,
          },
          deps,
          ingest.producers,
        );
  if (workers && options.alertTick) await scheduleAlertTick(ingest.producers, options.alertTick.everyMs);
  const project = await createProject(deps, `p${randomBytes(3).toString('hex')}`);
  let n = 0;

  const countEvents = async (clusterId?: string) => {
    const { rows } = await deps.pool.query<{ n: number }>(
      clusterId ? 'SELECT count(*) AS n FROM audit_events WHERE cluster_id = $1' : 'SELECT count(*) AS n FROM audit_events',
      clusterId ? [clusterId] : [],
    );
    return rows[0]!.n;
  };

  return {
    ingestUrl,
    database,
    queuePrefix,
    deps,
    ingest,
    projectId: project.id,
    async newCluster(type = 'managed', policyPreset = 'none') {
      const c = await createCluster(deps, { project: project.id, name: `cluster-${++n}`, type, policyPreset });
      return { id: c.id, token: c.token, tokenId: c.tokenId };
    },
    countEvents,
    async waitForEvents(clusterId, expected, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let count = await countEvents(clusterId);
      while (count < expected && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        count = await countEvents(clusterId);
      }
      return count;
    },
    async stop() {
      await workers?.close();
      // Queues of their own, removed like the database: the shared Redis keeps
      // nothing of a test run. Best effort: some suites point at a Redis that is gone.
      if (await ingest.pingRedis()) await Promise.race([removeQueues(ingest, queuePrefix), new Promise((r) => setTimeout(r, 10_000))]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ingest.close();
      await deps.db.$disconnect();
      await deps.pool.end();
      await database.drop();
    },
  };
}

async function removeQueues(ingest: ReturnType<typeof createIngestDeps>, queuePrefix: string): Promise<void> {
  await ingest.producers.storeBatch.obliterate({ force: true });
  await ingest.producers.maintainPartitions.obliterate({ force: true });
  await ingest.producers.alertTick.obliterate({ force: true });
  for await (const keys of ingest.redis.scanStream({ match: `${queuePrefix}:*`, count: 500 }) as AsyncIterable<string[]>)
    if (keys.length > 0) await ingest.redis.del(...keys);
}
