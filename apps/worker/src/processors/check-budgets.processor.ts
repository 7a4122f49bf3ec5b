import type { Job } from 'bullmq';
import { checkBudgets, type CoreDeps } from '@kubetrail/core';
import { QUEUES } from '@kubetrail/queue';

export function checkBudgetsProcessor(deps: CoreDeps) {
  return async (job: Job) => {
    QUEUES.checkBudgets.payload.parse(job.data);
    const fired = await checkBudgets(deps);
    for (const a of fired)
      console.log(
        JSON.stringify({
          level: 'warn',
          msg: 'budget alert',
          projectId: a.projectId,
          month: a.month,
          projected: a.projectedTotal,
          budget: a.monthlyBudget,
        }),
      );
    return fired.map((a) => ({ projectId: a.projectId, month: a.month }));
  };
}
