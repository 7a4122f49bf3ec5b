import { AgentAuthenticator } from '@kubetrail/core';
import { createPool, createPrisma } from '@kubetrail/db';
import { Redis } from 'ioredis';
import { createProducers, producerConnection } from '@kubetrail/queue';
import type { IngestConfig } from './env';
import type { IngestDeps } from './deps';
import { createMetrics } from './metrics';
import { OverloadGuard } from './overload-guard';
import { RedisRateLimit } from './rate-limit';

export function createIngestDeps(config: IngestConfig): IngestDeps & { close(): Promise<void> } {
  const db = createPrisma(config.databaseUrl);
  const pool = createPool(config.databaseUrl, 5);
  const producers = createProducers({
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    onError: (e) => console.error(JSON.stringify({ level: 'warn', msg: 'redis error', error: e.message })),
  });
  // A plain client for health checks and configuration reads, apart from BullMQ's own connections.
  const redis = new Redis({ ...producerConnection(config.redisUrl), lazyConnect: true });
  redis.on('error', () => {});
  const guard = new OverloadGuard(producers.storeBatch, config.maxQueueDepth);
  guard.start();
  const metrics = createMetrics();
  return {
    db,
    pool,
    producers,
    guard,
    rateLimit: new RedisRateLimit(redis, config.queuePrefix, metrics),
    auth: new AgentAuthenticator(db, config.authCacheMs),
    metrics,
    limits: config.limits,
    redis,
    async pingRedis() {
      try {
        return (await Promise.race([redis.ping(), new Promise((r) => setTimeout(() => r('timeout'), 2000))])) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      guard.stop();
      await producers.close();
      redis.disconnect();
      await pool.end();
      await db.$disconnect();
    },
  };
}
