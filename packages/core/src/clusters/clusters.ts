import { AppError } from '@kubetrail/contracts';
import { PRESETS, type PresetName } from '@kubetrail/policy';
import { ensureClusterPartition, ensureDayPartitions, utcDay, addDays, type Cluster, type ClusterType } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { isUniqueViolation } from '../shared/prisma-errors';
import { resolveProject, validateName } from '../projects/projects';
import { assertClustersPerProjectQuota } from '../quotas/enforce-quotas';
import { issueToken } from './cluster-tokens';

export const CLUSTER_TYPES = ['managed', 'dedicated', 'serverless', 'registered'] as const satisfies readonly ClusterType[];

/** Dedicated clusters keep a year by default; the others a month. */
export const defaultRetentionDays = (type: ClusterType): number => (type === 'dedicated' ? 365 : 30);
export const RETENTION_RANGE = { min: 1, max: 3650 } as const;

/** The audit policy a new cluster starts with: a preset, or `none` to keep every event. */
export const POLICY_PRESET_CHOICES = ['ack', 'tke', 'none'] as const satisfies readonly (PresetName | 'none')[];
export type PolicyPresetChoice = (typeof POLICY_PRESET_CHOICES)[number];
export const DEFAULT_POLICY_PRESET: PolicyPresetChoice = 'ack';

export interface ClusterView {
  id: string;
  name: string;
  projectId: string;
  type: ClusterType;
  retentionDays: number;
  auditEnabled: boolean;
  createdAt: Date;
}

export const viewCluster = (c: Cluster): ClusterView => ({
  id: c.id,
  name: c.name,
  projectId: c.projectId,
  type: c.type,
  retentionDays: c.retentionDays,
  auditEnabled: c.auditEnabled,
  createdAt: c.createdAt,
});

export interface CreateClusterInput {
  project: string;
  name: string;
  type?: ClusterType;
  policyPreset?: PolicyPresetChoice;
}

/**
 * Creates the cluster with its audit policy, its first agent token and its
 * event partitions (today and the next days); refused (QUOTA_EXCEEDED) when
 * the project already has its clusters per project.
 */
export async function createCluster(deps: CoreDeps, input: CreateClusterInput): Promise<ClusterView & { token: string; tokenId: string }> {
  validateName('cluster', input.name);
  const type = input.type ?? 'managed';
  if (!CLUSTER_TYPES.includes(type)) throw new AppError('BAD_REQUEST', `cluster type must be one of ${CLUSTER_TYPES.join(', ')}`);
  const preset = input.policyPreset ?? DEFAULT_POLICY_PRESET;
  if (!POLICY_PRESET_CHOICES.includes(preset))
    throw new AppError('BAD_REQUEST', `policy preset must be one of ${POLICY_PRESET_CHOICES.join(', ')}`);
  const project = await resolveProject(deps, input.project);
  let cluster: Cluster;
  try {
    cluster = await deps.db.$transaction(async (tx) => {
      await assertClustersPerProjectQuota(tx, project);
      return tx.cluster.create({
        data: {
          id: newId('c'),
          projectId: project.id,
          name: input.name,
          type,
          retentionDays: defaultRetentionDays(type),
          ...(preset === 'none' ? {} : { policy: { create: { source: PRESETS[preset] } } }),
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `project ${project.name} already has a cluster named "${input.name}"`);
    throw error;
  }
  await ensureClusterPartition(deps.pool, cluster.id);
  const today = utcDay(new Date());
  await ensureDayPartitions(deps.pool, cluster.id, [addDays(today, -1), today, addDays(today, 1), addDays(today, 2)]);
  const { token, tokenId } = await issueToken(deps, cluster.id);
  return { ...viewCluster(cluster), token, tokenId };
}

/** Accepts a cluster id, or a name when it is unique (within `projectId` when given). */
export async function resolveCluster({ db }: Pick<CoreDeps, 'db'>, idOrName: string, projectId?: string): Promise<Cluster> {
  const byId = await db.cluster.findUnique({ where: { id: idOrName } });
  if (byId && (!projectId || byId.projectId === projectId)) return byId;
  const byName = await db.cluster.findMany({ where: { name: idOrName, ...(projectId ? { projectId } : {}) } });
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1)
    throw new AppError('CONFLICT', `several clusters are named "${idOrName}" (${byName.map((c) => c.id).join(', ')}); use the id`);
  throw new AppError('NOT_FOUND', `no cluster "${idOrName}"`);
}

export async function listClusters(deps: CoreDeps, project: string): Promise<ClusterView[]> {
  const { id } = await resolveProject(deps, project);
  const rows = await deps.db.cluster.findMany({ where: { projectId: id }, orderBy: { name: 'asc' } });
  return rows.map(viewCluster);
}

/** Turning auditing off makes the ingest refuse the cluster's events (403 AUDIT_DISABLED); stored data stays. */
export async function setAuditEnabled(deps: CoreDeps, cluster: string, enabled: boolean): Promise<ClusterView> {
  const { id } = await resolveCluster(deps, cluster);
  return viewCluster(await deps.db.cluster.update({ where: { id }, data: { auditEnabled: enabled } }));
}
