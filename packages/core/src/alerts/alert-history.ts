import type { CoreDeps } from '../shared/deps';
import { resolveProject } from '../projects/projects';
import { resolveRule } from './alert-rules';

export const HISTORY_PAGE_SIZE = 100;

export interface HistoryFilter {
  rule?: string;
  /** only evaluations that notified (or failed to run) */
  firedOnly?: boolean;
  limit?: number;
  /** windows ending at or after */
  from?: Date;
  /** windows ending at or before */
  to?: Date;
}

/** A project's evaluations, newest first, each with its firings and their delivery attempts. */
export async function alertHistory(deps: CoreDeps, project: string, filter: HistoryFilter = {}) {
  const { id: projectId } = await resolveProject(deps, project);
  const ruleId = filter.rule ? (await resolveRule(deps, projectId, filter.rule)).id : undefined;
  const evaluations = await deps.db.alertEvaluation.findMany({
    where: {
      rule: { projectId },
      ...(ruleId ? { ruleId } : {}),
      ...(filter.from || filter.to
        ? { windowTo: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } }
        : {}),
      ...(filter.firedOnly ? { OR: [{ fired: { gt: 0 } }, { error: { not: null } }] } : {}),
    },
    orderBy: [{ windowTo: 'desc' }, { id: 'asc' }],
    take: Math.min(filter.limit ?? HISTORY_PAGE_SIZE, 1_000),
    include: {
      rule: { select: { name: true } },
      firings: {
        orderBy: { createdAt: 'asc' },
        include: {
          deliveries: { orderBy: [{ at: 'asc' }, { attempt: 'asc' }], include: { channel: { select: { name: true, kind: true } } } },
        },
      },
    },
  });
  return evaluations.map((e) => ({
    id: e.id,
    rule: e.rule.name,
    ruleId: e.ruleId,
    windowFrom: e.windowFrom,
    windowTo: e.windowTo,
    evaluatedAt: e.evaluatedAt,
    rows: e.rows,
    matched: e.matched,
    fired: e.fired,
    skippedWindows: e.skippedWindows,
    error: e.error,
    firings: e.firings.map((f) => ({
      id: f.id,
      status: f.status,
      severity: f.severity,
      groupValues: f.groupValues,
      text: f.text,
      createdAt: f.createdAt,
      deliveries: f.deliveries.map((d) => ({
        channel: d.channel.name,
        kind: d.channel.kind,
        attempt: d.attempt,
        ok: d.ok,
        responseCode: d.responseCode,
        error: d.error,
        durationMs: d.durationMs,
        at: d.at,
      })),
    })),
  }));
}

export type AlertHistoryEntry = Awaited<ReturnType<typeof alertHistory>>[number];
