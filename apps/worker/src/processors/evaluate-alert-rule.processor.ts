import type { Job } from 'bullmq';
import { evaluateRule, type CoreDeps, type EvaluationSettings } from '@kubetrail/core';
import { QUEUES, type Producers } from '@kubetrail/queue';

/**
 * Evaluates the rule's due windows, then queues their deliveries. Should
 * the worker die between the two, the rule's next evaluation queues the
 * deliveries never attempted.
 */
export function evaluateAlertRuleProcessor(
  deps: CoreDeps,
  producers: Pick<Producers, 'enqueueDeliverAlert'>,
  settings: EvaluationSettings,
) {
  return async (job: Job) => {
    const { ruleId } = QUEUES.evaluateAlertRule.payload.parse(job.data);
    const { windows, deliveries } = await evaluateRule(deps, ruleId, new Date(), settings);
    for (const delivery of deliveries) await producers.enqueueDeliverAlert(delivery);
    for (const w of windows.filter((w) => w.fired > 0 || w.error))
      console.log(
        JSON.stringify({
          level: w.error ? 'warn' : 'info',
          msg: w.error ? 'alert rule failed' : 'alert fired',
          ruleId,
          to: w.to,
          fired: w.fired,
          error: w.error,
        }),
      );
    return { windows: windows.length, deliveries: deliveries.length };
  };
}
