import type { Prisma } from '@kubetrail/db';
import { DEFAULT_QUOTAS, mergeQuotas, type EffectiveQuotas, type QuotaValues } from './quota-limits';

/** Prisma, or a transaction of it: quota checks read inside the transaction that creates. */
export type QuotaDb = Pick<Prisma.TransactionClient, 'quotaDefaults' | 'projectQuota' | 'clusterQuota'>;

export const QUOTA_DEFAULTS_ID = 1;

/** The operator's defaults; the built-in ones if the row is missing. */
export async function quotaDefaults(db: QuotaDb): Promise<QuotaValues> {
  const row = await db.quotaDefaults.findUnique({ where: { id: QUOTA_DEFAULTS_ID } });
  if (!row) return { ...DEFAULT_QUOTAS };
  return {
    projectsPerUser: row.projectsPerUser,
    clustersPerProject: row.clustersPerProject,
    alertRulesPerProject: row.alertRulesPerProject,
    ingestEventsPerSecond: row.ingestEventsPerSecond,
  };
}

/** The quotas that apply to a project (its clusters without an override of their own get the default rate). */
export async function projectQuotas(db: QuotaDb, projectId: string): Promise<EffectiveQuotas> {
  const defaults = await quotaDefaults(db);
  const overrides = await db.projectQuota.findUnique({ where: { projectId } });
  return mergeQuotas(defaults, overrides);
}
