import { AppError } from '@kubetrail/contracts';
import type { Role } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { isUniqueViolation } from '../shared/prisma-errors';
import { assertProjectsPerUserQuota } from '../quotas/enforce-quotas';
import { validateName } from './projects';

export interface UserProject {
  id: string;
  name: string;
  role: Role;
}

type Db = Pick<CoreDeps, 'db'>;

/** The projects a user is a member of, and the one the console opens on. */
export async function userProjects({ db }: Db, userId: string): Promise<{ projects: UserProject[]; currentProjectId: string | null }> {
  const [memberships, user] = await Promise.all([
    db.membership.findMany({ where: { userId }, include: { project: true }, orderBy: { project: { name: 'asc' } } }),
    db.user.findUnique({ where: { id: userId }, select: { currentProjectId: true } }),
  ]);
  const projects = memberships.map((m) => ({ id: m.project.id, name: m.project.name, role: m.role }));
  const remembered = projects.find((p) => p.id === user?.currentProjectId);
  return { projects, currentProjectId: remembered?.id ?? projects[0]?.id ?? null };
}

/** Remembers the project the user switched to; only one they belong to. */
export async function setCurrentProject({ db }: Db, userId: string, projectId: string): Promise<void> {
  const member = await db.membership.findUnique({ where: { userId_projectId: { userId, projectId } } });
  if (!member) throw new AppError('NOT_FOUND', `no project "${projectId}"`);
  await db.user.update({ where: { id: userId }, data: { currentProjectId: projectId } });
}

/** A new project with its creator as owner, switched to at once; refused (QUOTA_EXCEEDED) beyond projects per user. */
export async function createOwnedProject({ db }: Db, userId: string, name: string): Promise<UserProject> {
  validateName('project', name);
  try {
    const project = await db.$transaction(async (tx) => {
      await assertProjectsPerUserQuota(tx, userId);
      return tx.project.create({ data: { id: newId('p'), name, memberships: { create: { userId, role: 'owner' } } } });
    });
    await db.user.update({ where: { id: userId }, data: { currentProjectId: project.id } });
    return { id: project.id, name: project.name, role: 'owner' };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `a project named "${name}" already exists`);
    throw error;
  }
}
