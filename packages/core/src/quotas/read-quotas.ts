import type { CoreDeps } from '../shared/deps';
import { resolveProject } from '../projects/projects';
import { resolveCluster } from '../clusters/clusters';
import { mergeQuotas, type EffectiveQuotas, type QuotaScope } from './quota-limits';
import { quotaDefaults } from './quota-store';

export interface QuotaReport {
  scope: QuotaScope;
  project: { id: string; name: string } | null;
  cluster: { id: string; name: string } | null;
  quotas: EffectiveQuotas;
}

export interface QuotaTarget {
  /** project id or name */
  project?: string;
  /** cluster id or name (within `project` when both are given) */
  cluster?: string;
}

/** The effective quotas of the defaults, a project, or a cluster (with its project's), each with where it comes from. */
export async function readQuotas(deps: CoreDeps, target: QuotaTarget = {}): Promise<QuotaReport> {
  const project = target.project === undefined ? null : await resolveProject(deps, target.project);
  const cluster = target.cluster === undefined ? null : await resolveCluster(deps, target.cluster, project?.id);
  const projectId = cluster?.projectId ?? project?.id;
  const defaults = await quotaDefaults(deps.db);
  const [projectOverrides, clusterOverrides, owner] = await Promise.all([
    projectId ? deps.db.projectQuota.findUnique({ where: { projectId } }) : null,
    cluster ? deps.db.clusterQuota.findUnique({ where: { clusterId: cluster.id } }) : null,
    cluster && !project ? deps.db.project.findUnique({ where: { id: cluster.projectId }, select: { id: true, name: true } }) : project,
  ]);
  return {
    scope: cluster ? 'cluster' : project ? 'project' : 'global',
    project: owner ? { id: owner.id, name: owner.name } : null,
    cluster: cluster ? { id: cluster.id, name: cluster.name } : null,
    quotas: mergeQuotas(defaults, projectOverrides, clusterOverrides),
  };
}
