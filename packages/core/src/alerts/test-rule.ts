import { AppError } from '@kubetrail/contracts';
import type { AlertRule } from '@kubetrail/db';
import { decideFirings, dueWindows, parseTrigger, usesPrevious, type GroupState } from '@kubetrail/alerts';
import type { CoreDeps } from '../shared/deps';
import { resolveProject } from '../projects/projects';
import { resolveRule } from './alert-rules';
import { matchingRows, RuleRows, type ResultRow } from './rule-rows';

/** A test run replays at most this many windows (a week of 5-minute windows). */
export const MAX_TEST_WINDOWS = 2_016;

export interface TestRunWindow {
  from: Date;
  to: Date;
  rows: number;
  matched: number;
  /** groups notified in this window, after throttling */
  fired: number;
  throttled: number;
  firstRow: ResultRow | null;
}

export interface TestRun {
  rule: string;
  windows: number;
  /** windows older than the replayed ones, left out */
  skipped: number;
  /** the windows in which the rule would have notified */
  firing: TestRunWindow[];
}

/**
 * Replays a saved rule over past windows, as its schedule would have cut
 * them, with grouping and throttling applied as they would have been:
 * "would have fired 3 times last week". Nothing is written.
 */
export async function testRule(deps: CoreDeps, project: string, ruleRef: string, since: Date, now: Date): Promise<TestRun> {
  if (!(since < now)) throw new AppError('BAD_REQUEST', 'the test range is empty: --since must be in the past');
  const { id: projectId } = await resolveProject(deps, project);
  const rule = await resolveRule(deps, projectId, ruleRef);
  return replay(deps, rule, since, now);
}

async function replay(deps: CoreDeps, rule: AlertRule, since: Date, now: Date): Promise<TestRun> {
  const condition = parseTrigger(rule.condition);
  // The first window replayed is the first that starts at or after `since`; the one before it is taken as done.
  const period = rule.everyMinutes * 60_000;
  const firstEnd = Math.ceil((since.getTime() + rule.windowMinutes * 60_000) / period) * period;
  const { windows, skipped } = dueWindows({
    everyMinutes: rule.everyMinutes,
    windowMinutes: rule.windowMinutes,
    settleMs: 0,
    lastEnd: new Date(firstEnd - period),
    now,
    maxCatchUp: MAX_TEST_WINDOWS,
  });
  let states = new Map<string, GroupState>();
  const reader = await RuleRows.open(deps, rule);
  const firing: TestRunWindow[] = [];
  for (const window of windows) {
    const previous = usesPrevious(condition) ? await reader.before(window) : undefined;
    const rows = await reader.of(window);
    const matched = matchingRows(condition, rows, rule.groupBy, previous);
    const decision = decideFirings({
      rows: matched,
      groupBy: rule.groupBy,
      states,
      throttleMinutes: rule.throttleMinutes,
      now: window.to,
      notifyRecovery: false,
    });
    states = decision.states;
    const fired = decision.actions.filter((a) => a.kind === 'fire').length;
    const throttled = decision.actions.filter((a) => a.kind === 'throttled').length;
    if (fired > 0)
      firing.push({
        from: window.from,
        to: window.to,
        rows: rows.length,
        matched: matched.length,
        fired,
        throttled,
        firstRow: matched[0] ?? null,
      });
  }
  return { rule: rule.name, windows: windows.length, skipped, firing };
}
