import { AppError } from '@kubetrail/contracts';
import type { AlertRule, Prisma } from '@kubetrail/db';
import {
  decideFirings,
  dueWindows,
  parseTrigger,
  renderTemplate,
  usesPrevious,
  type FiringAction,
  type GroupState,
  type Trigger,
} from '@kubetrail/alerts';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { templateOf } from './alert-rules';
import { matchingRows, RuleRows, type ResultRow, type Window } from './rule-rows';

export interface EvaluationSettings {
  /** how long after a window ends its events are taken to have arrived */
  settleMs: number;
  /** windows replayed after downtime; older ones are skipped and counted */
  maxCatchUp: number;
}

export const DEFAULT_EVALUATION: EvaluationSettings = { settleMs: 60_000, maxCatchUp: 288 };

/** A notification to send: one per firing (or recovery) and channel of the rule. */
export interface PendingDelivery {
  firingId: string;
  channelId: string;
}

export interface WindowOutcome {
  from: Date;
  to: Date;
  rows: number;
  matched: number;
  fired: number;
  error: string | null;
}

/** The rule's next due window end, or null when none is due (what the minute tick asks). */
export function latestDueEnd(
  rule: Pick<AlertRule, 'everyMinutes' | 'windowMinutes' | 'lastWindowEnd'>,
  now: Date,
  settings: EvaluationSettings,
): Date | null {
  const { windows } = dueWindows({ ...scheduleOf(rule), settleMs: settings.settleMs, lastEnd: rule.lastWindowEnd, now, maxCatchUp: 1 });
  return windows.at(-1)?.to ?? null;
}

/**
 * Evaluates every due window of a rule, oldest first, and returns what to
 * deliver. Each window is judged once: its evaluation row is unique per
 * rule and window end, and is written in the same transaction as the
 * firings, the group states and the rule's progress, so a retried job (or
 * two workers) cannot fire a window twice.
 */
export async function evaluateRule(
  deps: CoreDeps,
  ruleId: string,
  now: Date,
  settings = DEFAULT_EVALUATION,
): Promise<{ windows: WindowOutcome[]; deliveries: PendingDelivery[] }> {
  const rule = await deps.db.alertRule.findUnique({ where: { id: ruleId } });
  if (!rule || !rule.enabled) return { windows: [], deliveries: [] };
  const { windows, skipped } = dueWindows({
    ...scheduleOf(rule),
    settleMs: settings.settleMs,
    lastEnd: rule.lastWindowEnd,
    now,
    maxCatchUp: settings.maxCatchUp,
  });
  const outcomes: WindowOutcome[] = [];
  const deliveries: PendingDelivery[] = [];
  const condition = parseTrigger(rule.condition);
  // Clusters gone is the rule's state, not a window's: every due window records it.
  const reader = await RuleRows.open(deps, rule).catch((e: unknown) => {
    if (e instanceof AppError) return e;
    throw e;
  });
  for (const [i, window] of windows.entries()) {
    const result = await evaluateWindow(deps, rule, condition, reader, window, i === 0 ? skipped : 0);
    if (!result) continue;
    outcomes.push(result.outcome);
    deliveries.push(...result.deliveries);
  }
  return { windows: outcomes, deliveries: [...deliveries, ...(await unattempted(deps, rule.id, now, deliveries))] };
}

/**
 * Deliveries of the last day never attempted: the worker died after a
 * window's commit and before its jobs were queued. Queued again here (the
 * job id is per firing and channel, so one still waiting is not doubled).
 */
async function unattempted(deps: CoreDeps, ruleId: string, now: Date, queued: PendingDelivery[]): Promise<PendingDelivery[]> {
  const firings = await deps.db.alertFiring.findMany({
    where: { ruleId, status: { not: 'throttled' }, createdAt: { gte: new Date(now.getTime() - 86_400_000) } },
    select: { id: true, deliveries: { select: { channelId: true } }, rule: { select: { channels: { select: { channelId: true } } } } },
  });
  const seen = new Set(queued.map((d) => `${d.firingId} ${d.channelId}`));
  return firings.flatMap((f) =>
    f.rule.channels
      .filter((c) => !f.deliveries.some((d) => d.channelId === c.channelId) && !seen.has(`${f.id} ${c.channelId}`))
      .map((c) => ({ firingId: f.id, channelId: c.channelId })),
  );
}

const scheduleOf = (rule: Pick<AlertRule, 'everyMinutes' | 'windowMinutes'>) => ({
  everyMinutes: rule.everyMinutes,
  windowMinutes: rule.windowMinutes,
});

async function evaluateWindow(
  deps: CoreDeps,
  rule: AlertRule,
  condition: Trigger,
  reader: RuleRows | AppError,
  window: Window,
  skipped: number,
) {
  let rows: ResultRow[] = [];
  let previous: ResultRow[] | undefined;
  let error: string | null = null;
  try {
    if (reader instanceof AppError) throw reader;
    if (usesPrevious(condition)) previous = await reader.before(window);
    rows = await reader.of(window);
  } catch (e) {
    // A rule that cannot run (timeout, clusters gone) is recorded as such and the window passes; anything else is retried.
    if (!(e instanceof AppError)) throw e;
    error = e.message;
  }
  const matched = matchingRows(condition, rows, rule.groupBy, previous);
  return deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM alert_rules WHERE id = ${rule.id} FOR UPDATE`;
    const done = await tx.alertEvaluation.findUnique({ where: { ruleId_windowTo: { ruleId: rule.id, windowTo: window.to } } });
    if (done) return null;
    const states = await groupStates(tx, rule.id);
    const decision = error
      ? { actions: [] as FiringAction[], states }
      : decideFirings({
          rows: matched,
          groupBy: rule.groupBy,
          states,
          throttleMinutes: rule.throttleMinutes,
          now: window.to,
          notifyRecovery: rule.notifyRecovery,
        });
    const evaluationId = newId('ev');
    const sent = decision.actions.filter((a) => a.kind !== 'throttled').length;
    await tx.alertEvaluation.create({
      data: {
        id: evaluationId,
        ruleId: rule.id,
        windowFrom: window.from,
        windowTo: window.to,
        rows: rows.length,
        matched: matched.length,
        fired: sent,
        skippedWindows: skipped,
        error,
      },
    });
    const firingIds = await recordFirings(tx, rule, evaluationId, window, decision.actions);
    await saveGroupStates(tx, rule.id, decision.states);
    await tx.alertRule.update({ where: { id: rule.id }, data: { lastWindowEnd: window.to } });
    const channels = await tx.alertRuleChannel.findMany({ where: { ruleId: rule.id }, select: { channelId: true } });
    return {
      outcome: { from: window.from, to: window.to, rows: rows.length, matched: matched.length, fired: sent, error },
      deliveries: firingIds.flatMap((firingId) => channels.map((c) => ({ firingId, channelId: c.channelId }))),
    };
  });
}

type Tx = Prisma.TransactionClient;

async function groupStates(tx: Tx, ruleId: string): Promise<Map<string, GroupState>> {
  const rows = await tx.alertGroupState.findMany({ where: { ruleId } });
  return new Map(rows.map((r) => [r.groupKey, { firing: r.firing, lastNotifiedAt: r.lastNotifiedAt }]));
}

async function saveGroupStates(tx: Tx, ruleId: string, states: Map<string, GroupState>): Promise<void> {
  await tx.alertGroupState.deleteMany({ where: { ruleId, groupKey: { notIn: [...states.keys()] } } });
  for (const [groupKey, state] of states)
    await tx.alertGroupState.upsert({
      where: { ruleId_groupKey: { ruleId, groupKey } },
      create: { ruleId, groupKey, firing: state.firing, lastNotifiedAt: state.lastNotifiedAt },
      update: { firing: state.firing, lastNotifiedAt: state.lastNotifiedAt },
    });
}

/** Keeps a firing's rows small enough for history and payloads. */
const ROWS_KEPT = 20;

/** Writes each action as a firing (and a message-center entry when it is sent); returns the ids to deliver. */
async function recordFirings(
  tx: Tx,
  rule: AlertRule,
  evaluationId: string,
  window: { from: Date; to: Date },
  actions: FiringAction[],
): Promise<string[]> {
  const toDeliver: string[] = [];
  for (const action of actions) {
    const status = action.kind === 'fire' ? 'firing' : action.kind === 'recover' ? 'resolved' : 'throttled';
    const rows = action.rows.slice(0, ROWS_KEPT);
    const text = renderTemplate(status === 'resolved' ? RECOVERY_TEMPLATE : templateOf(rule), {
      rule: rule.name,
      severity: rule.severity,
      status,
      from: window.from,
      to: window.to,
      rows: action.rows,
      group: action.groupValues,
    });
    const id = newId('f');
    await tx.alertFiring.create({
      data: {
        id,
        ruleId: rule.id,
        evaluationId,
        groupKey: action.groupKey,
        groupValues: toJson(action.groupValues),
        status,
        severity: rule.severity,
        text,
        rows: toJson(rows),
      },
    });
    if (status === 'throttled') continue;
    await tx.alertMessage.create({
      data: {
        id: newId('m'),
        projectId: rule.projectId,
        firingId: id,
        severity: rule.severity,
        title: `${status === 'resolved' ? 'Resolved' : 'Firing'}: ${rule.name}`,
        body: text,
      },
    });
    toDeliver.push(id);
  }
  return toDeliver;
}

const RECOVERY_TEMPLATE = '{{ rule }} resolved: no matching rows from {{ from }} to {{ to }}';

// Query results may hold Dates and bigints; history keeps their JSON form.
const toJson = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as object;
