import { AppError } from '@kubetrail/contracts';
import { rateLimited, type AgentIdentity, type IngestRateLimit } from '@kubetrail/core';
import type { Redis } from 'ioredis';
import type { IngestMetrics } from './metrics';

/**
 * A full bucket holds this many seconds of a cluster's rate. Agents send a
 * batch when 10,000 events are buffered or a second has passed, so a cluster
 * sending at exactly its rate arrives in uneven lumps; one second of slack
 * absorbs that, and at the default 5,000 events/s the bucket holds one
 * maximal batch. A longer burst would let an agent draining a deep spool
 * (back after an outage) hit the store at several times the rate.
 */
export const BURST_SECONDS = 2;

/**
 * A token bucket in Redis, so every ingest instance draws on the same one,
 * timed by Redis's clock (instances' clocks may disagree). A batch takes as
 * many tokens as it has events, or takes none and is refused. A batch larger
 * than the whole bucket is let through once the bucket is full, leaving it
 * in debt: otherwise it could never pass, and agents cannot split a batch
 * they were told to retry. Debt is paid back before anything else passes,
 * so the rate holds on average. Returns {1, 0} when admitted, {0, ms to
 * wait} when refused.
 */
const TAKE_TOKENS = `
if redis.replicate_commands then redis.replicate_commands() end
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
elseif now > at then
  tokens = tokens + (now - at) * rate / 1000
end
if tokens > capacity then tokens = capacity end
local need = math.min(n, capacity)
if tokens < need then
  return {0, math.ceil((need - tokens) * 1000 / rate)}
end
tokens = tokens - n
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * 1000 / rate) + 1000)
return {1, 0}
`;

type TakeTokens = (key: string, rate: number, capacity: number, events: number) => Promise<[number, number]>;

export class RedisRateLimit implements IngestRateLimit {
  private readonly take: TakeTokens;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly metrics: IngestMetrics,
    private readonly timeoutMs = 2_000,
  ) {
    // defineCommand sends EVALSHA and falls back to EVAL once after a Redis restart flushed its script cache.
    redis.defineCommand('kubetrailTakeTokens', { numberOfKeys: 1, lua: TAKE_TOKENS });
    const command = (redis as unknown as { kubetrailTakeTokens: TakeTokens }).kubetrailTakeTokens;
    this.take = command.bind(redis);
  }

  /** The bucket's key, under the queue prefix so each deployment (and test suite) has its own. */
  key(clusterId: string): string {
    return `${this.prefix}:ingest-rate:${clusterId}`;
  }

  async admit(identity: AgentIdentity, events: number): Promise<void> {
    const rate = identity.eventsPerSecond;
    let answer: [number, number];
    try {
      answer = await within(this.timeoutMs, this.take(this.key(identity.clusterId), rate, rate * BURST_SECONDS, events));
    } catch (error) {
      // Redis away means the queue is away too: the same "retry later" the enqueue would answer.
      throw new AppError(
        'OVERLOADED',
        `could not check the cluster's ingest rate (${(error as Error).message}); nothing was stored, retry later`,
      );
    }
    const [admitted, waitMs] = answer;
    if (admitted === 1) return;
    this.metrics.rateLimitedBatches.inc();
    this.metrics.rateLimitedEvents.inc(events);
    throw rateLimited({
      clusterId: identity.clusterId,
      eventsPerSecond: rate,
      events,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
}

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
