import { AppError } from '@kubetrail/contracts';

export const QUOTA_NAMES = ['projectsPerUser', 'clustersPerProject', 'alertRulesPerProject', 'ingestEventsPerSecond'] as const;
export type QuotaName = (typeof QUOTA_NAMES)[number];
export type QuotaValues = Record<QuotaName, number>;

/**
 * What applies while the operator has set nothing; migration 0009 seeds the
 * defaults row with the same numbers, and they also stand in when that row
 * is missing, so no quota is ever unlimited by omission.
 */
export const DEFAULT_QUOTAS: Readonly<QuotaValues> = {
  projectsPerUser: 20,
  clustersPerProject: 100,
  alertRulesPerProject: 200,
  ingestEventsPerSecond: 5_000,
};

/** The largest value PostgreSQL's integer columns hold. */
export const MAX_QUOTA = 2_147_483_647;

/** Where a quota may be overridden besides the defaults: per project or per cluster. */
export type QuotaScope = 'global' | 'project' | 'cluster';
export const QUOTA_SCOPES: Record<QuotaName, readonly QuotaScope[]> = {
  projectsPerUser: ['global'],
  clustersPerProject: ['global', 'project'],
  alertRulesPerProject: ['global', 'project'],
  ingestEventsPerSecond: ['global', 'cluster'],
};

/** How messages name each quota, and the CLI flag that sets it. */
export const QUOTA_LABELS: Record<QuotaName, string> = {
  projectsPerUser: 'projects per user',
  clustersPerProject: 'clusters per project',
  alertRulesPerProject: 'alert rules per project',
  ingestEventsPerSecond: 'ingest events per second per cluster',
};
export const QUOTA_FLAGS: Record<QuotaName, string> = {
  projectsPerUser: '--projects-per-user',
  clustersPerProject: '--clusters-per-project',
  alertRulesPerProject: '--alert-rules-per-project',
  ingestEventsPerSecond: '--ingest-events-per-second',
};

/** A limit and where it comes from: the defaults, the project's override or the cluster's. */
export interface EffectiveQuota {
  limit: number;
  source: 'default' | 'project' | 'cluster';
}
export type EffectiveQuotas = Record<QuotaName, EffectiveQuota>;

export interface ProjectOverrides {
  clustersPerProject: number | null;
  alertRulesPerProject: number | null;
}
export interface ClusterOverrides {
  ingestEventsPerSecond: number | null;
}

/** Overrides win over the defaults; a null override is "not set", never "unlimited". */
export function mergeQuotas(
  defaults: QuotaValues,
  project: ProjectOverrides | null = null,
  cluster: ClusterOverrides | null = null,
): EffectiveQuotas {
  const pick = (name: QuotaName, override: number | null | undefined, source: 'project' | 'cluster'): EffectiveQuota =>
    override == null ? { limit: defaults[name], source: 'default' } : { limit: override, source };
  return {
    projectsPerUser: { limit: defaults.projectsPerUser, source: 'default' },
    clustersPerProject: pick('clustersPerProject', project?.clustersPerProject, 'project'),
    alertRulesPerProject: pick('alertRulesPerProject', project?.alertRulesPerProject, 'project'),
    ingestEventsPerSecond: pick('ingestEventsPerSecond', cluster?.ingestEventsPerSecond, 'cluster'),
  };
}

/**
 * Every quota is a whole number from 1 to MAX_QUOTA. Zero is refused rather
 * than read as "unlimited", so a typo or an unset variable cannot lift a
 * limit; an operator who wants no practical limit sets a large number.
 */
export function validateQuotaValue(name: QuotaName, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > MAX_QUOTA)
    throw new AppError(
      'BAD_REQUEST',
      `${QUOTA_FLAGS[name]} must be a whole number from 1 to ${MAX_QUOTA}, not ${String(value)} (there is no unlimited quota: set a large number)`,
      { quota: name, min: 1, max: MAX_QUOTA },
    );
}

/** Refuses a quota that cannot be set at `scope`, saying where it can be. */
export function validateQuotaScope(name: QuotaName, scope: QuotaScope): void {
  if (QUOTA_SCOPES[name].includes(scope)) return;
  const where = QUOTA_SCOPES[name]
    .map((s) => (s === 'global' ? 'as a default (no --project or --cluster)' : `per ${s} (--${s})`))
    .join(' or ');
  throw new AppError('BAD_REQUEST', `${QUOTA_FLAGS[name]} cannot be set per ${scope}; it is set ${where}`, { quota: name, scope });
}
