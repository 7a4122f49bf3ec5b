import { addDays, utcDay } from '@kubetrail/db';

/**
 * The retention boundary. A UTC day D is expired once every event in it is at
 * least `retentionDays` full days old: D < today − retentionDays. So the
 * cluster keeps today and the `retentionDays` days before it (retention 30 on
 * 2026-12-07 keeps 2026-11-07 … 2026-12-07 and drops 2026-11-06 and older),
 * and no event is dropped younger than `retentionDays` × 24 h. Even retention
 * 1 keeps yesterday, so the partitions the worker creates ahead (from
 * yesterday on) are never expired ones.
 */
export function oldestKeptDay(retentionDays: number, now: Date): string {
  return addDays(utcDay(now), -retentionDays);
}

/** The days among `days` that retention drops. */
export function expiredDays(days: readonly string[], retentionDays: number, now: Date): string[] {
  const keepFrom = oldestKeptDay(retentionDays, now);
  return days.filter((d) => d < keepFrom);
}
