import { dayPartitionSizes, type Pool } from '@kubetrail/db';
import { quoteIdent } from '@kubetrail/db';

export interface ClusterStorage {
  /** the oldest stored event's time, null when nothing is stored */
  oldestEventAt: Date | null;
  /** day partitions holding at least one event */
  daysKept: number;
  /** on-disk size of the cluster's day partitions (tables, indexes, TOAST) */
  storedBytes: number;
}

/**
 * What a cluster keeps, without scanning its events: sizes from the
 * catalogue, and per day partition one probe for a row (oldest first, until
 * the first non-empty one gives `min(ts)` through the ts index).
 */
export async function clusterStorage(pool: Pool, clusterId: string): Promise<ClusterStorage> {
  const partitions = await dayPartitionSizes(pool, clusterId);
  let oldestEventAt: Date | null = null;
  let daysKept = 0;
  for (const p of partitions) {
    const table = quoteIdent(p.name);
    const { rowCount } = await pool.query(`SELECT 1 FROM ${table} LIMIT 1`);
    if ((rowCount ?? 0) === 0) continue;
    daysKept++;
    if (!oldestEventAt) {
      const { rows } = await pool.query<{ oldest: Date }>(`SELECT min(ts) AS oldest FROM ${table}`);
      oldestEventAt = rows[0]!.oldest;
    }
  }
  return { oldestEventAt, daysKept, storedBytes: partitions.reduce((n, p) => n + p.bytes, 0) };
}
