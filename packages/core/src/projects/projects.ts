import { AppError } from '@kubetrail/contracts';
import type { Project } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { isUniqueViolation } from '../shared/prisma-errors';

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function validateName(kind: string, name: string): void {
  if (!NAME.test(name))
    throw new AppError(
      'BAD_REQUEST',
      `${kind} name "${name}" must be 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit`,
    );
}

export async function createProject({ db }: CoreDeps, name: string): Promise<Project> {
  validateName('project', name);
  try {
    return await db.project.create({ data: { id: newId('p'), name } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `a project named "${name}" already exists`);
    throw error;
  }
}

export async function listProjects({ db }: CoreDeps): Promise<Project[]> {
  return db.project.findMany({ orderBy: { name: 'asc' } });
}

/** Accepts a project id or name. */
export async function resolveProject({ db }: CoreDeps, idOrName: string): Promise<Project> {
  // An id wins over a name, so a project named like another's id cannot stand in for it.
  const project =
    (await db.project.findUnique({ where: { id: idOrName } })) ?? (await db.project.findUnique({ where: { name: idOrName } }));
  if (!project) throw new AppError('NOT_FOUND', `no project "${idOrName}"`);
  return project;
}
