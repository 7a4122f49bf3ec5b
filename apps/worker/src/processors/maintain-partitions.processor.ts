import type { Job } from 'bullmq';
import { maintainPartitions, type CoreDeps } from '@kubetrail/core';
import { QUEUES } from '@kubetrail/queue';

export function maintainPartitionsProcessor(deps: CoreDeps) {
  return async (job: Job) => {
    const { daysAhead } = QUEUES.maintainPartitions.payload.parse(job.data);
    return maintainPartitions(deps, daysAhead);
  };
}
