import { QUEUES, type Producers } from '@kubetrail/queue';

/**
 * The tick that looks for due alert windows. One scheduler id, so every
 * worker upserts the same schedule; tests tick faster than the minute.
 */
export async function scheduleAlertTick(producers: Pick<Producers, 'alertTick'>, everyMs = 60_000): Promise<void> {
  await producers.alertTick.upsertJobScheduler(
    'tick',
    { every: everyMs },
    { name: QUEUES.alertTick.name, data: {}, opts: QUEUES.alertTick.jobOptions },
  );
}
