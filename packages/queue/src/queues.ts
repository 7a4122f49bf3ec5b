import type { JobsOptions } from 'bullmq';
import type { z } from 'zod';
import {
  AlertTickJobSchema,
  CheckBudgetsJobSchema,
  DeliverAlertJobSchema,
  EvaluateAlertRuleJobSchema,
  MaintainPartitionsJobSchema,
  RunRetentionJobSchema,
  StoreBatchJobSchema,
} from './payloads';

export interface QueueDefinition<S extends z.ZodType> {
  name: string;
  payload: S;
  jobOptions: JobsOptions;
}

const define = <S extends z.ZodType>(def: QueueDefinition<S>) => def;

/** Every queue, declared once: producers and processors import these. */
export const QUEUES = {
  storeBatch: define({
    name: 'store-batch',
    payload: StoreBatchJobSchema,
    jobOptions: {
      // A batch answered 200 must never be given up on: retry for hours
      // (the worker caps the backoff) and keep failures for inspection.
      attempts: 200,
      backoff: { type: 'capped-exponential' },
      removeOnComplete: { age: 3600, count: 5000 },
      removeOnFail: false,
    },
  }),
  maintainPartitions: define({
    name: 'maintain-partitions',
    payload: MaintainPartitionsJobSchema,
    jobOptions: { attempts: 5, backoff: { type: 'capped-exponential' }, removeOnComplete: 100, removeOnFail: 100 },
  }),
  // Daily; a run is idempotent, so a retried or doubled one drops nothing more.
  runRetention: define({
    name: 'run-retention',
    payload: RunRetentionJobSchema,
    jobOptions: { attempts: 10, backoff: { type: 'capped-exponential' }, removeOnComplete: 30, removeOnFail: 30 },
  }),
  // Hourly; an alert is recorded once per project and month, so reruns fire nothing twice.
  checkBudgets: define({
    name: 'check-budgets',
    payload: CheckBudgetsJobSchema,
    jobOptions: { attempts: 5, backoff: { type: 'capped-exponential' }, removeOnComplete: 30, removeOnFail: 30 },
  }),
  // Every minute; finding no window due is the common case and costs one query.
  alertTick: define({
    name: 'alert-tick',
    payload: AlertTickJobSchema,
    jobOptions: { attempts: 1, removeOnComplete: 10, removeOnFail: 100 },
  }),
  // Job id rule-<id>-<window end>, so ticks never queue the same window twice;
  // a window already evaluated is skipped, so a retry fires nothing twice.
  evaluateAlertRule: define({
    name: 'evaluate-alert-rule',
    payload: EvaluateAlertRuleJobSchema,
    jobOptions: { attempts: 5, backoff: { type: 'capped-exponential' }, removeOnComplete: 1000, removeOnFail: 1000 },
  }),
  // Retried with the notification package's backoff (alert-delivery), about an hour in all.
  deliverAlert: define({
    name: 'deliver-alert',
    payload: DeliverAlertJobSchema,
    jobOptions: { attempts: 8, backoff: { type: 'alert-delivery' }, removeOnComplete: 1000, removeOnFail: 5000 },
  }),
} as const;

export type QueueKey = keyof typeof QUEUES;

/** Backoff for `capped-exponential`: 1 s, 2 s, 4 s … at most one minute. */
export const cappedExponentialBackoff = (attemptsMade: number): number => Math.min(60_000, 1000 * 2 ** Math.max(0, attemptsMade - 1));

export const DEFAULT_QUEUE_PREFIX = 'kubetrail';
