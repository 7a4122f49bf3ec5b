import { Queue, Worker, type Processor } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_EVALUATION, IpLocationRecorder, type CoreDeps } from '@kubetrail/core';
import { GeoIp } from '@kubetrail/geoip';
import { retryDelayMs } from '@kubetrail/notify';
import { BatchRowsStore, QUEUES, cappedExponentialBackoff, workerConnection, type Producers, type QueueKey } from '@kubetrail/queue';
import type { WorkerConfig } from './env';
import { maintainPartitionsProcessor } from './processors/maintain-partitions.processor';
import { alertTickProcessor } from './processors/alert-tick.processor';
import { checkBudgetsProcessor } from './processors/check-budgets.processor';
import { deliverAlertProcessor } from './processors/deliver-alert.processor';
import { evaluateAlertRuleProcessor } from './processors/evaluate-alert-rule.processor';
import { runRetentionProcessor } from './processors/run-retention.processor';
import { storeBatchProcessor } from './processors/store-batch.processor';

const log = (level: string, msg: string, fields: Record<string, unknown> = {}) => console.log(JSON.stringify({ level, msg, ...fields }));

const SWEEP_INTERVAL_MS = 3_600_000;

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs, waits for the jobs in hand, and closes Redis connections. */
  close(): Promise<void>;
}

/** Starts one BullMQ worker per queue, plus the hourly sweep of orphaned batch rows; alert jobs queue their follow-ups through `producers`. */
export function startWorkers(config: WorkerConfig, deps: CoreDeps, producers: Producers): RunningWorkers {
  const redis = new Redis(workerConnection(config.redisUrl));
  redis.on('error', (error) => log('warn', 'redis error', { error: error.message }));
  const rowsStore = new BatchRowsStore(redis, config.queuePrefix);
  const evaluation = { ...DEFAULT_EVALUATION, settleMs: config.alertSettleMs };
  const make = (key: QueueKey, processor: Processor, concurrency: number) => {
    const worker = new Worker(QUEUES[key].name, processor, {
      connection: workerConnection(config.redisUrl),
      prefix: config.queuePrefix,
      concurrency,
      lockDuration: config.lockMs,
      stalledInterval: Math.max(1_000, Math.floor(config.lockMs / 2)),
      // A stalled job is one whose worker died; it is retried, never dropped.
      maxStalledCount: 1_000,
      settings: {
        backoffStrategy: (attemptsMade: number, type?: string) =>
          type === 'alert-delivery' ? retryDelayMs(attemptsMade) : cappedExponentialBackoff(attemptsMade),
      },
    });
    worker.on('failed', (job, error) =>
      log('warn', 'job failed', { queue: QUEUES[key].name, jobId: job?.id, attempt: job?.attemptsMade, error: error.message }),
    );
    worker.on('error', (error) => log('warn', 'worker error', { queue: QUEUES[key].name, error: error.message }));
    return worker;
  };
  const workers = [
    make('storeBatch', storeBatchProcessor(deps.pool, rowsStore, new IpLocationRecorder(new GeoIp())), config.concurrency),
    make('maintainPartitions', maintainPartitionsProcessor(deps), 1),
    make('runRetention', runRetentionProcessor(deps), 1),
    make('checkBudgets', checkBudgetsProcessor(deps), 1),
    make('alertTick', alertTickProcessor(deps, producers, evaluation), 1),
    make('evaluateAlertRule', evaluateAlertRuleProcessor(deps, producers, evaluation), 2),
    make('deliverAlert', deliverAlertProcessor(deps, config.alerts), 4),
  ];
  const storeQueue = new Queue(QUEUES.storeBatch.name, { connection: workerConnection(config.redisUrl), prefix: config.queuePrefix });
  storeQueue.on('error', () => {});
  const sweep = setInterval(() => {
    rowsStore
      .sweepOrphans(storeQueue)
      .then((removed) => removed > 0 && log('info', 'removed orphaned batch rows', { removed }))
      .catch((error: Error) => log('warn', 'batch rows sweep failed', { error: error.message }));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  return {
    workers,
    async close() {
      clearInterval(sweep);
      await Promise.all(workers.map((w) => w.close()));
      await storeQueue.close();
      redis.disconnect();
    },
  };
}
