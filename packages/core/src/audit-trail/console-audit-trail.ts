import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';

/** Who made a change: a signed-in console user, or an operator at the CLI. */
export interface Actor {
  userId: string | null;
  /** an email, or `cli:<os user>` */
  label: string;
  via: 'console' | 'cli';
  ip: string | null;
}

export interface ChangeRecord {
  projectId: string | null;
  /** dotted, noun first: `cluster.disable`, `member.invite` */
  action: string;
  target: { type: string; id: string; name?: string | null };
  before?: unknown;
  after?: unknown;
}

export interface ChangeView {
  id: string;
  at: Date;
  actor: string;
  via: string;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string;
  targetName: string | null;
  before: unknown;
  after: unknown;
}

// Dates and other class instances become their JSON form, as they would on the wire.
const asJson = (value: unknown) => (value === undefined || value === null ? undefined : JSON.parse(JSON.stringify(value)));

export async function recordChange({ db }: Pick<CoreDeps, 'db'>, actor: Actor, change: ChangeRecord): Promise<void> {
  await db.consoleAuditRecord.create({
    data: {
      id: newId('r'),
      projectId: change.projectId,
      actorUserId: actor.userId,
      actor: actor.label,
      via: actor.via,
      ip: actor.ip,
      action: change.action,
      targetType: change.target.type,
      targetId: change.target.id,
      targetName: change.target.name ?? null,
      before: asJson(change.before),
      after: asJson(change.after),
    },
  });
}

export const CHANGES_PAGE_SIZE = 100;

/** A project's changes, newest first; `after` continues below the record with that id (the last of the previous page). */
export async function listChanges(
  { db }: Pick<CoreDeps, 'db'>,
  projectId: string,
  options: { after?: string; limit?: number } = {},
): Promise<ChangeView[]> {
  const cursor = options.after ? await db.consoleAuditRecord.findFirst({ where: { id: options.after, projectId } }) : null;
  const rows = await db.consoleAuditRecord.findMany({
    where: {
      projectId,
      // Records of the same millisecond are told apart by id, so no page boundary skips one.
      ...(cursor ? { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: Math.min(options.limit ?? CHANGES_PAGE_SIZE, 500),
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    via: r.via,
    ip: r.ip,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetName: r.targetName,
    before: r.before ?? null,
    after: r.after ?? null,
  }));
}
