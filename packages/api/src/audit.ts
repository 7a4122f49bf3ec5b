import { recordChange, type ChangeRecord } from '@kubetrail/core';
import type { ApiContext } from './trpc';

/** Writes a console change to the audit trail under the signed-in user's email. */
export async function recordConsoleChange(ctx: ApiContext & { userId: string }, change: ChangeRecord): Promise<void> {
  const user = await ctx.deps.db.user.findUnique({ where: { id: ctx.userId }, select: { email: true } });
  await recordChange(ctx.deps, { userId: ctx.userId, label: user?.email ?? ctx.userId, via: 'console', ip: ctx.ip }, change);
}

/**
 * A save that created or changed something (rule, channel, saved query)
 * enters the audit trail as `<type>.create` or `<type>.update`; one that
 * changed nothing leaves no entry.
 */
export async function recordSave(
  ctx: ApiContext & { userId: string; projectId: string },
  type: string,
  saved: { created: boolean; changed: boolean },
  item: { id: string; name: string },
): Promise<void> {
  if (!saved.changed) return;
  await recordConsoleChange(ctx, {
    projectId: ctx.projectId,
    action: `${type}.${saved.created ? 'create' : 'update'}`,
    target: { type, id: item.id, name: item.name },
    after: item,
  });
}
