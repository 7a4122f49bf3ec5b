import type { CoreDeps } from '../shared/deps';
import { DEFAULT_EVALUATION, latestDueEnd, type EvaluationSettings } from './evaluate-rule';

/**
 * The enabled rules with a window due now, and the newest such window's
 * end, which names the evaluation job so that ticks seeing the same window
 * queue it once. One query over the rules; the windows are arithmetic.
 */
export async function dueRules(
  deps: CoreDeps,
  now: Date,
  settings: EvaluationSettings = DEFAULT_EVALUATION,
): Promise<{ ruleId: string; dueEnd: Date }[]> {
  const rules = await deps.db.alertRule.findMany({
    where: { enabled: true },
    select: { id: true, everyMinutes: true, windowMinutes: true, lastWindowEnd: true },
  });
  return rules.flatMap((rule) => {
    const dueEnd = latestDueEnd(rule, now, settings);
    return dueEnd ? [{ ruleId: rule.id, dueEnd }] : [];
  });
}
