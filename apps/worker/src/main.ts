import { createPool, createPrisma } from '@kubetrail/db';
import { createProducers, QUEUES } from '@kubetrail/queue';
import { configOrExit } from '@kubetrail/core';
import { loadWorkerConfig } from './env';
import { scheduleAlertTick } from './alert-schedule';
import { startWorkers } from './start-workers';

const config = configOrExit(() => loadWorkerConfig());
const deps = { db: createPrisma(config.databaseUrl), pool: createPool(config.databaseUrl, config.concurrency + 2) };
const producers = createProducers({ redisUrl: config.redisUrl, prefix: config.queuePrefix });
const running = startWorkers(config, deps, producers);

// Partitions for the next days are created hourly, and once right away.
await producers.maintainPartitions.upsertJobScheduler(
  'hourly',
  { every: 3_600_000 },
  { name: QUEUES.maintainPartitions.name, data: { daysAhead: config.partitionDaysAhead }, opts: QUEUES.maintainPartitions.jobOptions },
);
await producers.enqueueMaintainPartitions({ daysAhead: config.partitionDaysAhead });
// Expired days are dropped daily at 00:30 UTC; one scheduler id, so any number of workers upsert the same schedule.
await producers.runRetention.upsertJobScheduler(
  'daily',
  { pattern: '30 0 * * *', tz: 'UTC' },
  { name: QUEUES.runRetention.name, data: {}, opts: QUEUES.runRetention.jobOptions },
);
await producers.checkBudgets.upsertJobScheduler(
  'hourly',
  { every: 3_600_000 },
  { name: QUEUES.checkBudgets.name, data: {}, opts: QUEUES.checkBudgets.jobOptions },
);
// Alert rules are looked at every minute; each due window becomes its own job.
await scheduleAlertTick(producers);
console.log(JSON.stringify({ level: 'info', msg: 'worker started', concurrency: config.concurrency }));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(JSON.stringify({ level: 'info', msg: 'worker stopping', signal }));
  // close() waits for the jobs in hand to finish; anything not finished stays
  // in Redis and is picked up by another worker.
  await running.close();
  await producers.close();
  await deps.pool.end();
  await deps.db.$disconnect();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
