import { Worker, type Processor } from 'bullmq';
import type { CoreDeps } from '@kubetrail/core';
import { QUEUES, cappedExponentialBackoff, workerConnection, type QueueKey } from '@kubetrail/queue';
import type { WorkerConfig } from './env';
import { maintainPartitionsProcessor } from './processors/maintain-partitions.processor';
import { storeBatchProcessor } from './processors/store-batch.processor';

const log = (level: string, msg: string, fields: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ level, msg, ...fields }));

/** Starts one BullMQ worker per queue; returns them so the caller can close them on shutdown. */
export function startWorkers(config: WorkerConfig, deps: CoreDeps): Worker[] {
  const make = (key: QueueKey, processor: Processor, concurrency: number) => {
    const worker = new Worker(QUEUES[key].name, processor, {
      connection: workerConnection(config.redisUrl),
      prefix: config.queuePrefix,
      concurrency,
      lockDuration: config.lockMs,
      stalledInterval: Math.max(1_000, Math.floor(config.lockMs / 2)),
      // A stalled job is one whose worker died; it is retried, never dropped.
      maxStalledCount: 1_000,
      settings: { backoffStrategy: (attemptsMade: number) => cappedExponentialBackoff(attemptsMade) },
    });
    worker.on('failed', (job, error) =>
      log('warn', 'job failed', { queue: QUEUES[key].name, jobId: job?.id, attempt: job?.attemptsMade, error: error.message }),
    );
    worker.on('error', (error) => log('warn', 'worker error', { queue: QUEUES[key].name, error: error.message }));
    return worker;
  };
  return [
    make('storeBatch', storeBatchProcessor(deps.pool), config.concurrency),
    make('maintainPartitions', maintainPartitionsProcessor(deps), 1),
  ];
}
