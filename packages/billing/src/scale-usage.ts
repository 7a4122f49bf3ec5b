import type { UsageDay } from './monthly-bill';

export interface UsageScale {
  /** proposed kept events ÷ currently kept events */
  events: number;
  /** proposed kept bytes ÷ currently kept bytes */
  bytes: number;
}

/**
 * The usage a cluster would have metered under another audit policy, given
 * what a replay of its stored events found that policy keeps: event counts
 * scale with the events kept, ingested and stored bytes with the bytes kept.
 * Other clusters' rows are returned as they are.
 */
export function scaleUsage(usage: readonly UsageDay[], clusterId: string, scale: UsageScale): UsageDay[] {
  for (const [name, factor] of Object.entries(scale))
    if (!Number.isFinite(factor) || factor < 0) throw new RangeError(`the ${name} scale must be a finite number ≥ 0, not ${factor}`);
  return usage.map((u) =>
    u.clusterId !== clusterId
      ? u
      : {
          ...u,
          eventsStored: Math.round(u.eventsStored * scale.events),
          ingestedBytes: Math.round(u.ingestedBytes * scale.bytes),
          storedBytes: Math.round(u.storedBytes * scale.bytes),
        },
  );
}
