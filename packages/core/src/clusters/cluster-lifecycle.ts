import { AppError } from '@kubetrail/contracts';
import { dropClusterPartition, lockClusterStorage, ROLLUP_TABLE, withTransaction } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';
import { isUniqueViolation } from '../shared/prisma-errors';
import { validateName } from '../projects/projects';
import { resolveCluster, viewCluster, type ClusterView } from './clusters';

/** A change to a cluster as the audit trail records it: the cluster before, and after (null once deleted). */
export interface ClusterChange<After extends ClusterView | null = ClusterView | null> {
  before: ClusterView;
  after: After;
}

/** Renames a cluster; names are unique within a project. `projectId`, when given, must be the cluster's. */
export async function renameCluster(
  deps: CoreDeps,
  clusterId: string,
  newName: string,
  projectId?: string,
): Promise<ClusterChange<ClusterView>> {
  validateName('cluster', newName);
  const cluster = await resolveCluster(deps, clusterId, projectId);
  const before = viewCluster(cluster);
  if (cluster.name === newName) return { before, after: before };
  try {
    const after = viewCluster(await deps.db.cluster.update({ where: { id: cluster.id }, data: { name: newName } }));
    return { before, after };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const project = await deps.db.project.findUnique({ where: { id: cluster.projectId }, select: { name: true } });
    throw new AppError('CONFLICT', `project ${project?.name ?? cluster.projectId} already has a cluster named "${newName}"`);
  }
}

export interface DeleteClusterOptions {
  /** must equal the cluster's name exactly: what the person deleting it typed to confirm */
  confirmName: string;
  /** when given, the cluster must belong to this project */
  projectId?: string;
  /** how long to wait for the locks it needs (batches in flight, queries reading the events) before giving up */
  lockTimeoutMs?: number;
}

/** Every app table holding rows of one cluster (column `cluster_id`), besides `clusters` itself. */
const CLUSTER_TABLES = [
  ROLLUP_TABLE,
  'ip_locations',
  'stored_batches',
  'usage_daily',
  'agent_heartbeats',
  'cluster_tokens',
  'cluster_policies',
  'cluster_quotas',
];

const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK_DETECTED = '40P01';

function assertConfirmed(name: string, confirmName: string): void {
  if (confirmName !== name)
    throw new AppError('BAD_REQUEST', `type the cluster's name "${name}" exactly to confirm deleting it with all its events`, {
      expected: name,
    });
}

/**
 * Deletes a cluster with all its data, in one transaction: its event
 * partitions are dropped (not emptied row by row), and its rollups, source
 * address locations, batch markers, heartbeats, tokens, policy and row are
 * deleted. Refuses unless `confirmName` is the cluster's name.
 *
 * It first waits for the cluster's batches in flight and holds off new ones
 * (the storage lock batches take shared), so no batch lands half in; batches
 * still queued are dropped by the worker (`clusterDeleted`). The partition
 * drop comes last because it locks `audit_events` for every cluster until
 * the commit. The ingest caches tokens (`INGEST_AUTH_CACHE_MS`, 2 s by
 * default), so agents of the cluster are refused once that has passed.
 */
export async function deleteCluster(deps: CoreDeps, clusterId: string, options: DeleteClusterOptions): Promise<ClusterChange<null>> {
  const cluster = await resolveCluster(deps, clusterId, options.projectId);
  assertConfirmed(cluster.name, options.confirmName);
  const lockTimeoutMs = Math.max(1, Math.round(options.lockTimeoutMs ?? 5_000));
  try {
    const before = await withTransaction(deps.pool, async (client) => {
      await client.query(`SET LOCAL lock_timeout = ${lockTimeoutMs}`);
      await lockClusterStorage(client, cluster.id, 'exclusive');
      const { rows } = await client.query<ClusterView>(
        `SELECT id, name, project_id AS "projectId", type::text AS type, retention_days AS "retentionDays",
                audit_enabled AS "auditEnabled", created_at AS "createdAt"
           FROM clusters WHERE id = $1 FOR UPDATE`,
        [cluster.id],
      );
      const row = rows[0];
      if (!row) throw new AppError('NOT_FOUND', `no cluster "${clusterId}"`);
      // Renamed since it was looked up: the name typed no longer names it.
      assertConfirmed(row.name, options.confirmName);
      for (const table of CLUSTER_TABLES) await client.query(`DELETE FROM ${table} WHERE cluster_id = $1`, [cluster.id]);
      await client.query('DELETE FROM clusters WHERE id = $1', [cluster.id]);
      await dropClusterPartition(client, cluster.id);
      return row;
    });
    return { before, after: null };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === LOCK_NOT_AVAILABLE || code === DEADLOCK_DETECTED)
      throw new AppError(
        'CONFLICT',
        `cluster ${cluster.name} was not deleted: the event store stayed busy for ${lockTimeoutMs} ms (batches being stored or queries running); nothing was changed, try again`,
      );
    throw error;
  }
}
