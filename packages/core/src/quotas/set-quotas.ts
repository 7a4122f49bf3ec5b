import { AppError } from '@kubetrail/contracts';
import type { CoreDeps } from '../shared/deps';
import { QUOTA_FLAGS, QUOTA_NAMES, validateQuotaScope, validateQuotaValue, type QuotaName, type QuotaScope } from './quota-limits';
import { QUOTA_DEFAULTS_ID, quotaDefaults } from './quota-store';
import { readQuotas, type QuotaReport, type QuotaTarget } from './read-quotas';

/** New limits; `null` removes a project's or cluster's override, so the default applies again. */
export type QuotaChanges = Partial<Record<QuotaName, number | null>>;

export interface QuotaChange {
  before: QuotaReport;
  after: QuotaReport;
  /** the quotas this call set, in QUOTA_NAMES order */
  changed: QuotaName[];
}

function validate(scope: QuotaScope, changes: QuotaChanges): QuotaName[] {
  const names = QUOTA_NAMES.filter((n) => changes[n] !== undefined);
  if (names.length === 0)
    throw new AppError('BAD_REQUEST', `name at least one quota to set: ${QUOTA_NAMES.map((n) => QUOTA_FLAGS[n]).join(', ')}`);
  for (const name of names) {
    validateQuotaScope(name, scope);
    const value = changes[name]!;
    if (value === null) {
      if (scope === 'global')
        throw new AppError('BAD_REQUEST', `${QUOTA_FLAGS[name]}: the default cannot be removed, only set to a whole number`);
    } else validateQuotaValue(name, value);
  }
  return names;
}

/**
 * Sets the defaults (no target), a project's overrides or a cluster's. A
 * project or a cluster, not both. Lowering a quota below what exists removes
 * nothing: it only refuses the next creation. The ingest applies a new rate
 * within its token cache (INGEST_AUTH_CACHE_MS).
 */
export async function setQuotas(deps: CoreDeps, target: QuotaTarget, changes: QuotaChanges): Promise<QuotaChange> {
  if (target.project !== undefined && target.cluster !== undefined)
    throw new AppError('BAD_REQUEST', 'set quotas for a project or for a cluster, not both: give --project or --cluster');
  const scope: QuotaScope = target.cluster !== undefined ? 'cluster' : target.project !== undefined ? 'project' : 'global';
  const changed = validate(scope, changes);
  const before = await readQuotas(deps, target);
  const { db } = deps;
  if (scope === 'global') {
    const values = { ...(await quotaDefaults(db)), ...(changes as Partial<Record<QuotaName, number>>) };
    await db.quotaDefaults.upsert({ where: { id: QUOTA_DEFAULTS_ID }, create: { id: QUOTA_DEFAULTS_ID, ...values }, update: values });
  } else if (scope === 'project') {
    const projectId = before.project!.id;
    const current = await db.projectQuota.findUnique({ where: { projectId } });
    const row = {
      clustersPerProject: changes.clustersPerProject !== undefined ? changes.clustersPerProject : (current?.clustersPerProject ?? null),
      alertRulesPerProject:
        changes.alertRulesPerProject !== undefined ? changes.alertRulesPerProject : (current?.alertRulesPerProject ?? null),
    };
    // A row of nothing but nulls is the same as no row; keep the table to real overrides.
    if (row.clustersPerProject === null && row.alertRulesPerProject === null) await db.projectQuota.deleteMany({ where: { projectId } });
    else await db.projectQuota.upsert({ where: { projectId }, create: { projectId, ...row }, update: row });
  } else {
    const clusterId = before.cluster!.id;
    const rate = changes.ingestEventsPerSecond!;
    if (rate === null) await db.clusterQuota.deleteMany({ where: { clusterId } });
    else
      await db.clusterQuota.upsert({
        where: { clusterId },
        create: { clusterId, ingestEventsPerSecond: rate },
        update: { ingestEventsPerSecond: rate },
      });
  }
  return { before, after: await readQuotas(deps, target), changed };
}
