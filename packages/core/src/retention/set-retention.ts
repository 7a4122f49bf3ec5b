import { AppError } from '@kubetrail/contracts';
import type { CoreDeps } from '../shared/deps';
import { RETENTION_RANGE, resolveCluster, viewCluster } from '../clusters/clusters';
import type { ClusterChange } from '../clusters/cluster-lifecycle';
import type { ClusterView } from '../clusters/clusters';

export function validateRetentionDays(days: number): void {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < RETENTION_RANGE.min || days > RETENTION_RANGE.max)
    throw new AppError(
      'BAD_REQUEST',
      `retention must be a whole number of days from ${RETENTION_RANGE.min} to ${RETENTION_RANGE.max}, not ${String(days)}`,
      { min: RETENTION_RANGE.min, max: RETENTION_RANGE.max },
    );
}

/**
 * Sets how many days of events the cluster keeps (`cluster` is an id or a
 * name; within `projectId` when given). Nothing is dropped here: the next
 * retention run (daily, or `kubetrail retention run`) drops what expired.
 */
export async function setRetention(deps: CoreDeps, cluster: string, days: number, projectId?: string): Promise<ClusterChange<ClusterView>> {
  validateRetentionDays(days);
  const found = await resolveCluster(deps, cluster, projectId);
  const before = viewCluster(found);
  if (found.retentionDays === days) return { before, after: before };
  const after = viewCluster(await deps.db.cluster.update({ where: { id: found.id }, data: { retentionDays: days } }));
  return { before, after };
}
