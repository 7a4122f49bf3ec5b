import { AppError } from '@kubetrail/contracts';
import type { Role } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { normalizeEmail } from '../users/create-user';

export interface MemberView {
  userId: string;
  email: string;
  role: Role;
  since: Date;
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  invitedAt: Date;
}

type Db = Pick<CoreDeps, 'db'>;

export async function listMembers({ db }: Db, projectId: string): Promise<{ members: MemberView[]; invitations: InvitationView[] }> {
  const [members, invitations] = await Promise.all([
    db.membership.findMany({ where: { projectId }, include: { user: { select: { email: true } } }, orderBy: { createdAt: 'asc' } }),
    db.invitation.findMany({ where: { projectId }, orderBy: { createdAt: 'asc' } }),
  ]);
  return {
    members: members.map((m) => ({ userId: m.userId, email: m.user.email, role: m.role, since: m.createdAt })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, invitedAt: i.createdAt })),
  };
}

/**
 * Adds an existing user at once; anyone else gets an invitation that becomes
 * a membership when that email signs up or signs in.
 */
export async function inviteMember(
  { db }: Db,
  projectId: string,
  input: { email: string; role: Role; invitedBy: string | null },
): Promise<{ kind: 'member'; member: MemberView } | { kind: 'invitation'; invitation: InvitationView }> {
  const email = normalizeEmail(input.email);
  const user = await db.user.findUnique({ where: { email } });
  if (user) {
    const existing = await db.membership.findUnique({ where: { userId_projectId: { userId: user.id, projectId } } });
    if (existing) throw new AppError('CONFLICT', `${email} is already a member (${existing.role})`);
    const m = await db.membership.create({ data: { userId: user.id, projectId, role: input.role } });
    return { kind: 'member', member: { userId: user.id, email, role: m.role, since: m.createdAt } };
  }
  const invitation = await db.invitation.upsert({
    where: { projectId_email: { projectId, email } },
    create: { id: newId('i'), projectId, email, role: input.role, invitedBy: input.invitedBy },
    update: { role: input.role },
  });
  return { kind: 'invitation', invitation: { id: invitation.id, email, role: invitation.role, invitedAt: invitation.createdAt } };
}

export async function revokeInvitation({ db }: Db, projectId: string, invitationId: string): Promise<InvitationView> {
  const invitation = await db.invitation.findFirst({ where: { id: invitationId, projectId } });
  if (!invitation) throw new AppError('NOT_FOUND', `no invitation "${invitationId}" in this project`);
  await db.invitation.delete({ where: { id: invitation.id } });
  return { id: invitation.id, email: invitation.email, role: invitation.role, invitedAt: invitation.createdAt };
}

async function membershipOf({ db }: Db, projectId: string, userId: string) {
  const m = await db.membership.findUnique({
    where: { userId_projectId: { userId, projectId } },
    include: { user: { select: { email: true } } },
  });
  if (!m) throw new AppError('NOT_FOUND', `no member "${userId}" in this project`);
  return m;
}

// A project always keeps an owner, or nobody could manage its members again.
async function refuseLosingLastOwner({ db }: Db, projectId: string, role: Role) {
  if (role !== 'owner') return;
  const owners = await db.membership.count({ where: { projectId, role: 'owner' } });
  if (owners <= 1) throw new AppError('CONFLICT', 'a project needs at least one owner: make someone else owner first');
}

export async function changeMemberRole(
  deps: Db,
  projectId: string,
  userId: string,
  role: Role,
): Promise<{ before: MemberView; after: MemberView }> {
  const m = await membershipOf(deps, projectId, userId);
  if (m.role !== role) await refuseLosingLastOwner(deps, projectId, m.role);
  await deps.db.membership.update({ where: { userId_projectId: { userId, projectId } }, data: { role } });
  const before = { userId, email: m.user.email, role: m.role, since: m.createdAt };
  return { before, after: { ...before, role } };
}

export async function removeMember(deps: Db, projectId: string, userId: string): Promise<MemberView> {
  const m = await membershipOf(deps, projectId, userId);
  await refuseLosingLastOwner(deps, projectId, m.role);
  await deps.db.$transaction([
    deps.db.membership.delete({ where: { userId_projectId: { userId, projectId } } }),
    deps.db.user.updateMany({ where: { id: userId, currentProjectId: projectId }, data: { currentProjectId: null } }),
  ]);
  return { userId, email: m.user.email, role: m.role, since: m.createdAt };
}
