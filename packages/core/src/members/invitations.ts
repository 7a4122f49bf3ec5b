import type { CoreDeps } from '../shared/deps';

/** Turns the invitations waiting for this email into memberships (at sign-up and each sign-in). */
export async function acceptInvitations({ db }: Pick<CoreDeps, 'db'>, userId: string, email: string): Promise<number> {
  const pending = await db.invitation.findMany({ where: { email: email.toLowerCase() } });
  if (pending.length === 0) return 0;
  await db.$transaction([
    db.membership.createMany({
      data: pending.map((i) => ({ userId, projectId: i.projectId, role: i.role })),
      skipDuplicates: true,
    }),
    db.invitation.deleteMany({ where: { id: { in: pending.map((i) => i.id) } } }),
  ]);
  return pending.length;
}
