import type { AuditEvent } from '@kubetrail/contracts';
import { createClusterSimulator } from './cluster-simulator';
import { formatMicroTime, toMicros } from './micro-time';
import { hashString, Rng } from './prng';
import type { ProfileName } from './profiles';
import { rateFactor } from './rhythm';

export interface GenerateEventsOptions {
  profile: ProfileName;
  seed: number;
  count: number;
  start: Date;
  end: Date;
  clusterName?: string;
}

/** Gives up looking for a request small enough to fill the last slots after this many draws. */
const MAX_FILL_DRAWS = 20_000;

/**
 * Exactly `count` events of one cluster between start and end, denser in the
 * working day, sorted by stageTimestamp. Requests are never split, so every
 * RequestReceived keeps its ResponseComplete; long-running requests still
 * open at `end` are closed at `end`.
 */
export function generateEvents(options: GenerateEventsOptions): AuditEvent[] {
  const { count, start, end } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (!(end.getTime() > start.getTime())) throw new RangeError('end must be after start');

  const simulator = createClusterSimulator({
    profile: options.profile,
    seed: options.seed,
    ...(options.clusterName ? { clusterName: options.clusterName } : {}),
  });
  const timeline = rhythmTimeline(start, end);
  const jitter = new Rng(hashString(`timeline/${options.seed}`));
  const endStamp = formatMicroTime(toMicros(end));
  const events: AuditEvent[] = [];

  let draws = 0;
  while (events.length < count) {
    // Each request takes the slot of the events it adds, so time advances with the
    // rhythm's cumulative rate and lands on `end` exactly when `count` is reached.
    const at = timeline((events.length + jitter.float()) / count);
    const batch = simulator.next(at);
    const room = count - events.length;
    if (batch.length > room && ++draws < MAX_FILL_DRAWS) continue;
    for (const event of batch.slice(0, room)) {
      if (event.stageTimestamp > endStamp) event.stageTimestamp = endStamp;
      events.push(event);
    }
  }
  // Stable, so stages stamped alike keep their order.
  return events.sort((a, b) => (a.stageTimestamp < b.stageTimestamp ? -1 : a.stageTimestamp > b.stageTimestamp ? 1 : 0));
}

/** Maps a fraction of the interval's total traffic to the moment it is reached. */
function rhythmTimeline(start: Date, end: Date): (fraction: number) => Date {
  const steps = 2048;
  const from = start.getTime();
  const span = end.getTime() - from;
  const cumulative = [0];
  for (let i = 0; i < steps; i++) {
    const mid = new Date(from + ((i + 0.5) / steps) * span);
    cumulative.push((cumulative[i] ?? 0) + rateFactor(mid));
  }
  const total = cumulative[steps] ?? 1;
  return (fraction) => {
    const target = Math.min(Math.max(fraction, 0), 1) * total;
    let lo = 0;
    let hi = steps;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) <= target) lo = mid;
      else hi = mid;
    }
    const below = cumulative[lo] ?? 0;
    const width = (cumulative[lo + 1] ?? total) - below || 1;
    const offset = (lo + (target - below) / width) / steps;
    return new Date(from + Math.min(offset, 1) * span);
  };
}
