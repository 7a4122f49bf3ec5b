import { AppError } from '@kubetrail/contracts';
import { dropDayPartition, listDayPartitions, lockClusterStorage, ROLLUP_TABLE, withTransaction } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';
import { resolveCluster } from '../clusters/clusters';
import { expiredDays, oldestKeptDay } from './retention-rule';

export interface RetentionRunOptions {
  /** one cluster (id or name); every cluster when absent */
  clusterId?: string;
  now?: Date;
  /** how long to wait for the cluster's batches in flight before giving up on it */
  lockTimeoutMs?: number;
}

export interface ClusterRetentionResult {
  clusterId: string;
  clusterName: string;
  retentionDays: number;
  /** the oldest day kept (UTC); every older day is gone */
  keptFrom: string;
  /** the day partitions dropped by this run, oldest first */
  droppedDays: string[];
  rollupRowsDeleted: number;
}

const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK_DETECTED = '40P01';

/**
 * Drops every expired day (see `oldestKeptDay`) of each cluster: its day
 * partitions of `audit_events` whole, and its rows of the hourly rollups
 * before the oldest day kept. Events are never deleted row by row. Each
 * cluster goes in its own short transaction under its storage lock taken
 * exclusively, so batches being stored finish first. Idempotent: a second
 * run finds nothing expired.
 */
export async function runRetention(deps: CoreDeps, options: RetentionRunOptions = {}): Promise<ClusterRetentionResult[]> {
  const now = options.now ?? new Date();
  const clusters = options.clusterId
    ? [await resolveCluster(deps, options.clusterId)]
    : await deps.db.cluster.findMany({ orderBy: { createdAt: 'asc' } });
  const results: ClusterRetentionResult[] = [];
  for (const cluster of clusters) {
    const result = await retainCluster(deps, cluster.id, now, options.lockTimeoutMs ?? 30_000);
    if (result) results.push(result);
  }
  return results;
}

async function retainCluster(deps: CoreDeps, clusterId: string, now: Date, lockTimeoutMs: number): Promise<ClusterRetentionResult | null> {
  try {
    return await withTransaction(deps.pool, async (client) => {
      await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`);
      await lockClusterStorage(client, clusterId, 'exclusive');
      // Read under the lock: a cluster deleted meanwhile is skipped, a retention changed meanwhile is honoured.
      const { rows } = await client.query<{ name: string; retentionDays: number }>(
        'SELECT name, retention_days AS "retentionDays" FROM clusters WHERE id = $1',
        [clusterId],
      );
      const cluster = rows[0];
      if (!cluster) return null;
      const keptFrom = oldestKeptDay(cluster.retentionDays, now);
      const expired = expiredDays(await listDayPartitions(client, clusterId), cluster.retentionDays, now);
      const rollups = await client.query(`DELETE FROM ${ROLLUP_TABLE} WHERE cluster_id = $1 AND hour < $2::timestamptz`, [
        clusterId,
        `${keptFrom}T00:00:00Z`,
      ]);
      const droppedDays: string[] = [];
      for (const day of expired) if (await dropDayPartition(client, clusterId, day)) droppedDays.push(day);
      return {
        clusterId,
        clusterName: cluster.name,
        retentionDays: cluster.retentionDays,
        keptFrom,
        droppedDays,
        rollupRowsDeleted: rollups.rowCount ?? 0,
      };
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === LOCK_NOT_AVAILABLE || code === DEADLOCK_DETECTED)
      throw new AppError(
        'CONFLICT',
        `retention for cluster ${clusterId} did not run: its event store stayed busy for ${lockTimeoutMs} ms; nothing was dropped, try again`,
      );
    throw error;
  }
}
