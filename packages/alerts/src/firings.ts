import { text, type Row } from './trigger-eval';

/** What is remembered of one group of a rule between windows. */
export interface GroupState {
  /** it matched in the last window judged */
  firing: boolean;
  lastNotifiedAt: Date | null;
}

export interface FiringAction {
  kind: 'fire' | 'throttled' | 'recover';
  groupKey: string;
  /** the grouping columns and their values (empty without grouping) */
  groupValues: Record<string, unknown>;
  rows: Row[];
}

const MINUTE = 60_000;

/** A group's key: its values of the grouping columns, as text, in order. */
export const groupKeyOf = (row: Row, groupBy: readonly string[]): string =>
  groupBy.length === 0 ? '' : JSON.stringify(groupBy.map((g) => text(row[g])));

/**
 * Turns one window's matching rows into notifications. Rows split into
 * groups by the grouping columns (one group without them). A group that
 * matches is notified unless it was notified less than the throttle before
 * the window's end; a group that matched last time and not now is
 * recovered (notified when the rule asks for it). A state is kept while it
 * still matters: firing, or inside its throttle.
 */
export function decideFirings(input: {
  rows: readonly Row[];
  groupBy: readonly string[];
  states: ReadonlyMap<string, GroupState>;
  throttleMinutes: number;
  now: Date;
  notifyRecovery: boolean;
}): { actions: FiringAction[]; states: Map<string, GroupState> } {
  const throttleMs = input.throttleMinutes * MINUTE;
  const groups = new Map<string, Row[]>();
  for (const row of input.rows) {
    const key = groupKeyOf(row, input.groupBy);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const actions: FiringAction[] = [];
  const states = new Map<string, GroupState>();
  for (const [groupKey, rows] of groups) {
    const before = input.states.get(groupKey);
    const held = before?.lastNotifiedAt != null && input.now.getTime() - before.lastNotifiedAt.getTime() < throttleMs;
    actions.push({ kind: held ? 'throttled' : 'fire', groupKey, groupValues: valuesOf(rows[0]!, input.groupBy), rows });
    states.set(groupKey, { firing: true, lastNotifiedAt: held ? before!.lastNotifiedAt : input.now });
  }
  for (const [groupKey, before] of input.states) {
    if (groups.has(groupKey)) continue;
    if (before.firing && input.notifyRecovery)
      actions.push({ kind: 'recover', groupKey, groupValues: valuesFromKey(groupKey, input.groupBy), rows: [] });
    const inThrottle = before.lastNotifiedAt != null && input.now.getTime() - before.lastNotifiedAt.getTime() < throttleMs;
    if (inThrottle) states.set(groupKey, { firing: false, lastNotifiedAt: before.lastNotifiedAt });
  }
  return { actions, states };
}

const valuesOf = (row: Row, groupBy: readonly string[]) => Object.fromEntries(groupBy.map((g) => [g, row[g] ?? null]));

function valuesFromKey(key: string, groupBy: readonly string[]): Record<string, unknown> {
  if (key === '') return {};
  const values = JSON.parse(key) as string[];
  return Object.fromEntries(groupBy.map((g, i) => [g, values[i] ?? null]));
}
