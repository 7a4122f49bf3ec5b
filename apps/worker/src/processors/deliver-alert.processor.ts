import { UnrecoverableError, type Job } from 'bullmq';
import { deliverFiring, type AlertSettings, type CoreDeps } from '@kubetrail/core';
import { QUEUES } from '@kubetrail/queue';

/** One attempt; a retryable failure throws so the queue tries again with backoff, others end here. */
export function deliverAlertProcessor(deps: CoreDeps, settings: AlertSettings) {
  return async (job: Job) => {
    const payload = QUEUES.deliverAlert.payload.parse(job.data);
    const outcome = await deliverFiring(deps, settings, payload, job.attemptsMade + 1);
    if (!outcome || outcome.ok) return { ok: Boolean(outcome?.ok) };
    const reason = `delivery failed: ${outcome.error ?? `HTTP ${outcome.responseCode}`}`;
    throw outcome.retryable ? new Error(reason) : new UnrecoverableError(reason);
  };
}
