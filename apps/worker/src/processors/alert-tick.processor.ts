import type { Job } from 'bullmq';
import { dueRules, type CoreDeps, type EvaluationSettings } from '@kubetrail/core';
import { QUEUES, type Producers } from '@kubetrail/queue';

/** Every minute: one evaluation job per rule with a window due (named by the window, so queued once). */
export function alertTickProcessor(deps: CoreDeps, producers: Pick<Producers, 'enqueueEvaluateAlertRule'>, settings: EvaluationSettings) {
  return async (job: Job) => {
    QUEUES.alertTick.payload.parse(job.data);
    const due = await dueRules(deps, new Date(), settings);
    for (const { ruleId, dueEnd } of due) await producers.enqueueEvaluateAlertRule({ ruleId }, dueEnd);
    return { due: due.length };
  };
}
