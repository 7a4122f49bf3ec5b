import { z } from 'zod';
import { ALERT_ENV, alertSettings, loadEnv, SHARED_ENV, sharedSettings, type AlertSettings, type SharedSettings } from '@kubetrail/core';

const ENV = {
  ...SHARED_ENV,
  ...ALERT_ENV,
  /** how long after an alert window ends its events are taken to have arrived (agents batch for up to a second, queues add more) */
  ALERT_SETTLE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
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
  alerts: AlertSettings;
  alertSettleMs: number;
}

/** The only place the worker reads its environment; a bad value stops it at start, naming the variable. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const e = loadEnv(ENV, env);
  return {
    ...sharedSettings(e),
    concurrency: e.WORKER_CONCURRENCY,
    lockMs: e.WORKER_LOCK_MS,
    partitionDaysAhead: e.PARTITION_DAYS_AHEAD,
    alerts: alertSettings(e),
    alertSettleMs: e.ALERT_SETTLE_MS,
  };
}
