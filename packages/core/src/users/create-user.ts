import { AppError } from '@kubetrail/contracts';
import type { Role } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { isUniqueViolation } from '../shared/prisma-errors';
import { resolveProject } from '../projects/projects';
import { acceptInvitations } from '../members/invitations';
import { hashPassword } from './password-hash';

export { ROLES } from '@kubetrail/contracts';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 12;

export const normalizeEmail = (email: string): string => {
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized) || normalized.length > 320) throw new AppError('BAD_REQUEST', `"${email}" is not an email address`);
  return normalized;
};

export interface CreateUserInput {
  email: string;
  password: string;
  project?: string;
  role?: Role;
}

export async function createUser(deps: CoreDeps, input: CreateUserInput): Promise<{ id: string; email: string }> {
  const email = normalizeEmail(input.email);
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new AppError('BAD_REQUEST', `the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (input.role && !input.project) throw new AppError('BAD_REQUEST', '--role needs --project');
  const project = input.project ? await resolveProject(deps, input.project) : undefined;
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await deps.db.user.create({
      data: {
        id: newId('u'),
        email,
        passwordHash,
        ...(project ? { memberships: { create: { projectId: project.id, role: input.role ?? 'viewer' } } } : {}),
      },
    });
    await acceptInvitations(deps, user.id, user.email);
    return { id: user.id, email: user.email };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `a user with email ${email} already exists`);
    throw error;
  }
}

/** Sets a user's password (the demo re-issues its owner's password on each start). */
export async function setUserPassword(deps: CoreDeps, email: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AppError('BAD_REQUEST', `the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const updated = await deps.db.user.updateMany({
    where: { email: email.trim().toLowerCase() },
    data: { passwordHash: await hashPassword(password) },
  });
  if (updated.count === 0) throw new AppError('NOT_FOUND', `no user with email ${email}`);
}
