import { AppError } from '@kubetrail/contracts';
import { withTransaction } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';
import { resolveProject } from '../projects/projects';
import { quotaLockKey } from '../quotas/enforce-quotas';
import { assertWithinQuota } from '../quotas/quota-errors';
import { projectQuotas } from '../quotas/quota-store';
import type { ClusterChange } from './cluster-lifecycle';
import { resolveCluster, type ClusterView } from './clusters';

export interface MoveClusterOptions {
  /** when given, the cluster must belong to this project (else NOT_FOUND, as for an unknown id) */
  sourceProjectId?: string;
  /** how long to wait for a concurrent change of the cluster's row before giving up */
  lockTimeoutMs?: number;
}

const UNIQUE_VIOLATION = '23505';
const LOCK_NOT_AVAILABLE = '55P03';

const CLUSTER_COLUMNS = `id, name, project_id AS "projectId", type::text AS type, retention_days AS "retentionDays",
  audit_enabled AS "auditEnabled", created_at AS "createdAt"`;

/**
 * Moves a cluster, with its stored events, to another project by changing
 * `clusters.project_id` and nothing else: events, rollups and source address
 * locations carry only the cluster id (their partitions are the cluster's),
 * and every project-scoped read (the query role's row-level security,
 * `kubetrail_project_clusters()`, and the console's cluster lookups) reads
 * that column live. So no row is copied, the move takes the same time for
 * an empty cluster as for a full one, and the old project's members lose
 * the events with the commit. The row is locked `FOR NO KEY UPDATE`, which
 * batches being stored (foreign keys take `KEY SHARE`) do not wait for.
 *
 * Refuses: the cluster's own project (BAD_REQUEST), a target project that
 * already has a cluster of that name (CONFLICT) or its clusters per project
 * (QUOTA_EXCEEDED, else moving would get round the quota), an unknown
 * cluster or project (NOT_FOUND).
 */
export async function moveCluster(
  deps: CoreDeps,
  cluster: string,
  targetProject: string,
  opts: MoveClusterOptions = {},
): Promise<ClusterChange<ClusterView>> {
  const found = await resolveCluster(deps, cluster, opts.sourceProjectId);
  const target = await resolveProject(deps, targetProject);
  const sameProject = () =>
    new AppError('BAD_REQUEST', `cluster ${found.name} is already in project ${target.name}; choose another project to move it to`);
  const nameTaken = () =>
    new AppError(
      'CONFLICT',
      `project ${target.name} already has a cluster named "${found.name}"; rename one of them before moving cluster ${found.id}`,
    );
  if (found.projectId === target.id) throw sameProject();
  const lockTimeoutMs = Math.max(1, Math.round(opts.lockTimeoutMs ?? 5_000));
  const { clustersPerProject } = await projectQuotas(deps.db, target.id);
  try {
    return await withTransaction(deps.pool, async (client) => {
      await client.query(`SET LOCAL lock_timeout = ${lockTimeoutMs}`);
      // Cluster creation's quota lock, taken first here as there, so a create and a move cannot both take the last slot.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [quotaLockKey('clustersPerProject', target.id)]);
      const { rows } = await client.query<ClusterView>(`SELECT ${CLUSTER_COLUMNS} FROM clusters WHERE id = $1 FOR NO KEY UPDATE`, [
        found.id,
      ]);
      const before = rows[0];
      // Deleted, or moved out of the caller's project, since it was looked up.
      if (!before || (opts.sourceProjectId !== undefined && before.projectId !== opts.sourceProjectId))
        throw new AppError('NOT_FOUND', `no cluster "${cluster}"`);
      if (before.projectId === target.id) throw sameProject();
      const taken = await client.query('SELECT 1 FROM clusters WHERE project_id = $1 AND name = $2', [target.id, before.name]);
      if (taken.rowCount) throw nameTaken();
      const { rows: held } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM clusters WHERE project_id = $1', [
        target.id,
      ]);
      assertWithinQuota({ quota: 'clustersPerProject', limit: clustersPerProject.limit, used: held[0]!.n, holder: target.name });
      const updated = await client.query<ClusterView>(`UPDATE clusters SET project_id = $2 WHERE id = $1 RETURNING ${CLUSTER_COLUMNS}`, [
        found.id,
        target.id,
      ]);
      return { before, after: updated.rows[0]! };
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    // A cluster of that name was created or moved into the target at the same moment.
    if (code === UNIQUE_VIOLATION) throw nameTaken();
    if (code === LOCK_NOT_AVAILABLE)
      throw new AppError(
        'CONFLICT',
        `cluster ${found.name} was not moved: it was being changed for ${lockTimeoutMs} ms; nothing was changed, try again`,
      );
    throw error;
  }
}
