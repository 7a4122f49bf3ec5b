import { z } from 'zod';
import { DEFAULT_LIMITS, type IngestLimits } from '@kubetrail/contracts';
import { loadEnv, SHARED_ENV, sharedSettings, type SharedSettings } from '@kubetrail/core';

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const ENV = {
  ...SHARED_ENV,
  INGEST_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  INGEST_HOST: z.string().default('0.0.0.0'),
  INGEST_MAX_BODY_BYTES: int(DEFAULT_LIMITS.maxBodyBytes),
  INGEST_MAX_INFLATED_BYTES: int(DEFAULT_LIMITS.maxInflatedBytes),
  INGEST_MAX_EVENTS_PER_BATCH: int(DEFAULT_LIMITS.maxEventsPerBatch),
  INGEST_MAX_EVENT_BYTES: int(DEFAULT_LIMITS.maxEventBytes),
  /** queued store-batch jobs beyond which the ingest answers 503 with Retry-After */
  INGEST_MAX_QUEUE_DEPTH: int(5_000),
  /** how long token and cluster look-ups are cached: the delay before a revoke or disable bites */
  INGEST_AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
};

export interface IngestConfig extends SharedSettings {
  port: number;
  host: string;
  limits: IngestLimits;
  maxQueueDepth: number;
  authCacheMs: number;
}

/** The only place the ingest reads its environment; a bad value stops it at start, naming the variable. */
export function loadIngestConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  const e = loadEnv(ENV, env);
  return {
    ...sharedSettings(e),
    port: e.INGEST_PORT,
    host: e.INGEST_HOST,
    limits: {
      maxBodyBytes: e.INGEST_MAX_BODY_BYTES,
      maxInflatedBytes: e.INGEST_MAX_INFLATED_BYTES,
      maxEventsPerBatch: e.INGEST_MAX_EVENTS_PER_BATCH,
      maxEventBytes: e.INGEST_MAX_EVENT_BYTES,
    },
    maxQueueDepth: e.INGEST_MAX_QUEUE_DEPTH,
    authCacheMs: e.INGEST_AUTH_CACHE_MS,
  };
}
