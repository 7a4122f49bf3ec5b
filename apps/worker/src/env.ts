import { z } from 'zod';
import { loadEnv, SHARED_ENV, sharedSettings, type SharedSettings } from '@kubetrail/core';

const ENV = {
  ...SHARED_ENV,
  /** batches stored at once; each holds one PostgreSQL connection while it COPYs (2 measured best on 2 cores) */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** how long a job's lock lasts: a worker killed mid-batch hands it back after about this long */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  PARTITION_DAYS_AHEAD: z.coerce.number().int().min(1).max(31).default(3),
};

export interface WorkerConfig extends SharedSettings {
  concurrency: number;
  lockMs: number;
  partitionDaysAhead: number;
}

/** The only place the worker reads its environment; a bad value stops it at start, naming the variable. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const e = loadEnv(ENV, env);
  return {
    ...sharedSettings(e),
    concurrency: e.WORKER_CONCURRENCY,
    lockMs: e.WORKER_LOCK_MS,
    partitionDaysAhead: e.PARTITION_DAYS_AHEAD,
  };
}
