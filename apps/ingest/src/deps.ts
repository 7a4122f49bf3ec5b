import type { IngestLimits } from '@kubetrail/contracts';
import type { AgentAuthenticator, IngestRateLimit } from '@kubetrail/core';
import type { Db, Pool } from '@kubetrail/db';
import type { Producers } from '@kubetrail/queue';
import type { Redis } from 'ioredis';
import type { IngestMetrics } from './metrics';
import type { OverloadGuard } from './overload-guard';

export interface IngestDeps {
  db: Db;
  pool: Pool;
  producers: Producers;
  auth: AgentAuthenticator;
  guard: OverloadGuard;
  /** each cluster's events/s quota, shared by all ingest instances through Redis */
  rateLimit: IngestRateLimit;
  metrics: IngestMetrics;
  limits: IngestLimits;
  redis: Redis;
  /** answers whether Redis is reachable, for /healthz */
  pingRedis(): Promise<boolean>;
}
