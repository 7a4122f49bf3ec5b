import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BatchRowsStore } from './batch-rows';
import { producerConnection } from './redis-connection';
import { QUEUES } from './queues';
import type { DeliverAlertJob, EvaluateAlertRuleJob, MaintainPartitionsJob, StoreBatchJob } from './payloads';

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
  /** an enqueue that Redis has not acknowledged by then fails (the caller answers 503) */
  enqueueTimeoutMs?: number;
  onError?: (error: Error) => void;
}

export class EnqueueTimeoutError extends Error {}

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EnqueueTimeoutError(`the queue did not acknowledge within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface Producers {
  storeBatch: Queue;
  maintainPartitions: Queue;
  runRetention: Queue;
  checkBudgets: Queue;
  alertTick: Queue;
  evaluateAlertRule: Queue;
  deliverAlert: Queue;
  /** Resolves once Redis has acknowledged the rows and the job (durable as far as Redis's persistence goes). */
  enqueueStoreBatch(job: StoreBatchJob, rows: string): Promise<void>;
  enqueueMaintainPartitions(job: MaintainPartitionsJob): Promise<void>;
  /** `dueEnd` names the job, so the same window is queued once however many ticks see it. */
  enqueueEvaluateAlertRule(job: EvaluateAlertRuleJob, dueEnd: Date): Promise<void>;
  /** One job per firing and channel: enqueueing it again (a retried evaluation) adds nothing. */
  enqueueDeliverAlert(job: DeliverAlertJob): Promise<void>;
  close(): Promise<void>;
}

export function createProducers(settings: QueueSettings): Producers {
  const opts = { connection: producerConnection(settings.redisUrl), prefix: settings.prefix, skipWaitingForReady: true };
  const storeBatch = new Queue(QUEUES.storeBatch.name, opts);
  const maintainPartitions = new Queue(QUEUES.maintainPartitions.name, opts);
  const runRetention = new Queue(QUEUES.runRetention.name, opts);
  const checkBudgets = new Queue(QUEUES.checkBudgets.name, opts);
  const alertTick = new Queue(QUEUES.alertTick.name, opts);
  const evaluateAlertRule = new Queue(QUEUES.evaluateAlertRule.name, opts);
  const deliverAlert = new Queue(QUEUES.deliverAlert.name, opts);
  const queues = [storeBatch, maintainPartitions, runRetention, checkBudgets, alertTick, evaluateAlertRule, deliverAlert];
  // Connection errors surface on each enqueue; without a listener they would crash the process.
  const onError = settings.onError ?? (() => {});
  for (const queue of queues) queue.on('error', onError);
  const timeoutMs = settings.enqueueTimeoutMs ?? 10_000;
  const redis = new Redis(producerConnection(settings.redisUrl));
  redis.on('error', onError);
  const rowsStore = new BatchRowsStore(redis, settings.prefix);
  return {
    storeBatch,
    maintainPartitions,
    runRetention,
    checkBudgets,
    alertTick,
    evaluateAlertRule,
    deliverAlert,
    async enqueueStoreBatch(job, rows) {
      // Rows first: a job must never exist without them. The batch id is the
      // job id, so a re-sent (stream, seq) batch lands on the job already queued.
      await within(timeoutMs, rowsStore.put(job.batchId, rows));
      await within(timeoutMs, storeBatch.add(QUEUES.storeBatch.name, job, { ...QUEUES.storeBatch.jobOptions, jobId: job.batchId }));
    },
    async enqueueMaintainPartitions(job) {
      await within(timeoutMs, maintainPartitions.add(QUEUES.maintainPartitions.name, job, QUEUES.maintainPartitions.jobOptions));
    },
    async enqueueEvaluateAlertRule(job, dueEnd) {
      const jobId = `rule-${job.ruleId}-${dueEnd.getTime()}`;
      await within(timeoutMs, evaluateAlertRule.add(QUEUES.evaluateAlertRule.name, job, { ...QUEUES.evaluateAlertRule.jobOptions, jobId }));
    },
    async enqueueDeliverAlert(job) {
      const jobId = `delivery-${job.firingId}-${job.channelId}`;
      await within(timeoutMs, deliverAlert.add(QUEUES.deliverAlert.name, job, { ...QUEUES.deliverAlert.jobOptions, jobId }));
    },
    async close() {
      await Promise.all(queues.map((q) => q.close()));
      redis.disconnect();
    },
  };
}
