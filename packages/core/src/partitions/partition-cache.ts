import { ensureDayPartitions, type Pool } from '@kubetrail/db';

/**
 * Remembers which (cluster, day) partitions exist so the hot path asks
 * PostgreSQL only when a batch brings a day it has not seen.
 */
export class PartitionCache {
  private readonly known = new Map<string, Set<string>>();

  async ensure(pool: Pool, clusterId: string, days: Iterable<string>): Promise<void> {
    const seen = this.known.get(clusterId) ?? new Set<string>();
    const missing = [...days].filter((d) => !seen.has(d));
    if (missing.length === 0) return;
    await ensureDayPartitions(pool, clusterId, missing);
    for (const d of missing) seen.add(d);
    this.known.set(clusterId, seen);
  }

  forget(clusterId: string): void {
    this.known.delete(clusterId);
  }
}
