import type { Job } from 'bullmq';
import { runRetention, type CoreDeps } from '@kubetrail/core';
import { QUEUES } from '@kubetrail/queue';

export function runRetentionProcessor(deps: CoreDeps) {
  return async (job: Job) => {
    QUEUES.runRetention.payload.parse(job.data);
    const results = await runRetention(deps);
    return results.filter((r) => r.droppedDays.length > 0).map((r) => ({ clusterId: r.clusterId, droppedDays: r.droppedDays }));
  };
}
