export interface Window {
  from: Date;
  to: Date;
}

export interface Schedule {
  everyMinutes: number;
  /** the span each run looks back over; the period when unset */
  windowMinutes: number | null;
}

const MINUTE = 60_000;

/**
 * The windows a rule is due to judge, oldest first. Window ends sit on
 * multiples of the period (from the epoch), so every worker agrees on them;
 * a window is due once `settleMs` has passed after its end, time for late
 * events to arrive. With the window equal to the period, each run starts
 * where the last ended, so no event is judged twice or skipped, also when
 * the period changes. After downtime the missed windows are caught up,
 * at most `maxCatchUp` of them (the older ones are counted as skipped).
 * A rule that has never run starts with the latest due window.
 */
export function dueWindows(input: Schedule & { settleMs: number; lastEnd: Date | null; now: Date; maxCatchUp: number }): {
  windows: Window[];
  skipped: number;
} {
  const period = input.everyMinutes * MINUTE;
  const span = (input.windowMinutes ?? input.everyMinutes) * MINUTE;
  const latest = Math.floor((input.now.getTime() - input.settleMs) / period) * period;
  const last = input.lastEnd?.getTime() ?? latest - period;
  if (latest <= last) return { windows: [], skipped: 0 };
  const firstEnd = Math.floor(last / period) * period + period;
  const due = Math.floor((latest - firstEnd) / period) + 1;
  const kept = Math.min(due, Math.max(1, input.maxCatchUp));
  const windows: Window[] = [];
  for (let i = due - kept; i < due; i++) {
    const to = firstEnd + i * period;
    const from = span === period && i === 0 ? last : to - span;
    windows.push({ from: new Date(from), to: new Date(to) });
  }
  return { windows, skipped: due - kept };
}
