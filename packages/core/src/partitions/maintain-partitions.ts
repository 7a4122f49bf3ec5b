import { addDays, ensureDayPartitions, utcDay } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';

/** Creates every cluster's day partitions from yesterday to `daysAhead` days ahead (UTC). */
export async function maintainPartitions(
  deps: CoreDeps,
  daysAhead: number,
  now = new Date(),
): Promise<{ clusterId: string; created: string[] }[]> {
  const today = utcDay(now);
  const days = Array.from({ length: daysAhead + 2 }, (_, i) => addDays(today, i - 1));
  const clusters = await deps.db.cluster.findMany({ select: { id: true } });
  const report: { clusterId: string; created: string[] }[] = [];
  for (const { id } of clusters) {
    const created = await ensureDayPartitions(deps.pool, id, days);
    if (created.length > 0) report.push({ clusterId: id, created });
  }
  return report;
}
