import { recordChange, type ChangeRecord } from '@kubetrail/core';
import type { ApiContext } from './trpc';

/** Writes a console change to the audit trail under the signed-in user's email. */
export async function recordConsoleChange(ctx: ApiContext & { userId: string }, change: ChangeRecord): Promise<void> {
  const user = await ctx.deps.db.user.findUnique({ where: { id: ctx.userId }, select: { email: true } });
  await recordChange(ctx.deps, { userId: ctx.userId, label: user?.email ?? ctx.userId, via: 'console', ip: ctx.ip }, change);
}
