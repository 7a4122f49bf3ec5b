import { AppError } from '@kubetrail/contracts';
import type { CoreDeps } from '../shared/deps';

export const MESSAGES_PAGE_SIZE = 50;

/** The project's alert messages, newest first, each marked read or not for this user. */
export async function listMessages(deps: CoreDeps, projectId: string, userId: string, limit = MESSAGES_PAGE_SIZE) {
  const messages = await deps.db.alertMessage.findMany({
    where: { projectId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: Math.min(limit, 500),
    include: { reads: { where: { userId }, select: { readAt: true } }, firing: { select: { ruleId: true, status: true } } },
  });
  return messages.map((m) => ({
    id: m.id,
    severity: m.severity,
    title: m.title,
    body: m.body,
    status: m.firing.status,
    ruleId: m.firing.ruleId,
    createdAt: m.createdAt,
    read: m.reads.length > 0,
  }));
}

export async function unreadCount(deps: CoreDeps, projectId: string, userId: string): Promise<number> {
  return deps.db.alertMessage.count({ where: { projectId, reads: { none: { userId } } } });
}

/** Marks messages read for this user: the given ones, or all of the project's when none is given. */
export async function markMessagesRead(deps: CoreDeps, projectId: string, userId: string, messageIds?: string[]): Promise<number> {
  const messages = await deps.db.alertMessage.findMany({
    where: { projectId, ...(messageIds ? { id: { in: messageIds } } : {}), reads: { none: { userId } } },
    select: { id: true },
  });
  if (messageIds && messageIds.length > 0 && messages.length === 0) {
    const known = await deps.db.alertMessage.count({ where: { projectId, id: { in: messageIds } } });
    if (known === 0) throw new AppError('NOT_FOUND', 'no such message in this project');
  }
  const { count } = await deps.db.alertMessageRead.createMany({
    data: messages.map((m) => ({ messageId: m.id, userId })),
    skipDuplicates: true,
  });
  return count;
}
