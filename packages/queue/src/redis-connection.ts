import type { RedisOptions } from 'bullmq';

/** ioredis options from a `redis://[user:pass@]host:port[/db]` URL (`rediss://` for TLS). */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`not a redis URL: ${url}`);
  const db = u.pathname.replace(/^\//, '');
  if (db && !/^\d+$/.test(db)) throw new Error(`redis database must be a number, got "${db}"`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    db: db ? Number(db) : 0,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** Workers block on Redis and must retry forever (BullMQ requires maxRetriesPerRequest: null). */
export const workerConnection = (url: string): RedisOptions => ({ ...redisOptionsFromUrl(url), maxRetriesPerRequest: null });

/**
 * Producers answer HTTP requests: when Redis is away a command must fail soon
 * (so the ingest can answer 503) rather than retry for ever. BullMQ needs the
 * offline queue during start-up, so the bound is a retry count plus the
 * caller's own timeout.
 */
export const producerConnection = (url: string): RedisOptions => ({
  ...redisOptionsFromUrl(url),
  maxRetriesPerRequest: 1,
  connectTimeout: 5_000,
});
