import { AppError } from '@kubetrail/contracts';
import type { Prisma } from '@kubetrail/db';
import { assertWithinQuota, type CountQuota } from './quota-errors';
import { projectQuotas, quotaDefaults } from './quota-store';

type Tx = Prisma.TransactionClient;

/** The advisory lock that serializes creations counted against one holder (a user or a project). */
export const quotaLockKey = (quota: CountQuota, holderId: string): string => `kubetrail:quota:${quota}:${holderId}`;

/**
 * Counting and inserting must happen under this lock in one transaction:
 * otherwise two creations at the same moment both see one slot left and
 * both take it. Held until the transaction ends.
 */
export async function lockQuotaHolder(tx: Tx, quota: CountQuota, holderId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${quotaLockKey(quota, holderId)}))`;
}

/**
 * Before a user creates a project: the projects they own (owner memberships;
 * the creator of a project is its first owner) must stay within projects per
 * user. Call inside the transaction that creates the project.
 */
export async function assertProjectsPerUserQuota(tx: Tx, userId: string): Promise<void> {
  await lockQuotaHolder(tx, 'projectsPerUser', userId);
  const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw new AppError('NOT_FOUND', `no user "${userId}"`);
  const used = await tx.membership.count({ where: { userId, role: 'owner' } });
  const { projectsPerUser } = await quotaDefaults(tx);
  assertWithinQuota({ quota: 'projectsPerUser', limit: projectsPerUser, used, holder: user.email });
}

/** Before a cluster is created in (or moved into) a project. Call inside the transaction that adds it. */
export async function assertClustersPerProjectQuota(tx: Tx, project: { id: string; name: string }): Promise<void> {
  await lockQuotaHolder(tx, 'clustersPerProject', project.id);
  const used = await tx.cluster.count({ where: { projectId: project.id } });
  const { clustersPerProject } = await projectQuotas(tx, project.id);
  assertWithinQuota({ quota: 'clustersPerProject', limit: clustersPerProject.limit, used, holder: project.name });
}

/**
 * Before an alert rule is created. Alert rules are counted by their own
 * module, so the caller passes how many the project has: in the
 * transaction that inserts the rule, take `lockQuotaHolder(tx,
 * 'alertRulesPerProject', projectId)`, count, then call this.
 */
export async function assertAlertRuleQuota(db: Tx, projectId: string, existingRules: number): Promise<void> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { name: true } });
  if (!project) throw new AppError('NOT_FOUND', `no project "${projectId}"`);
  const { alertRulesPerProject } = await projectQuotas(db, projectId);
  assertWithinQuota({ quota: 'alertRulesPerProject', limit: alertRulesPerProject.limit, used: existingRules, holder: project.name });
}
