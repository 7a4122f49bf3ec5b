import type { EventColumns } from './event-columns';

const HOUR_MS = 3_600_000;

/**
 * The UTC hour (ISO, `…T10:00:00.000Z`) PostgreSQL files a timestamp under.
 * PostgreSQL keeps microseconds and rounds longer fractions half to even
 * (`rint(frac * 1e6)`), so `10:59:59.9999996Z` is stored as 11:00; the
 * bucket must agree with the stored `ts`, or rollups and events disagree.
 */
export function utcHour(timestamp: string): string {
  const dot = timestamp.indexOf('.', 17);
  let ms: number;
  if (dot < 0) ms = Date.parse(timestamp);
  else {
    let end = dot + 1;
    while (end < timestamp.length && timestamp.charCodeAt(end) >= 48 && timestamp.charCodeAt(end) <= 57) end++;
    const whole = Date.parse(timestamp.slice(0, dot) + timestamp.slice(end));
    const micros = roundHalfEven(Number(`0${timestamp.slice(dot, end)}`) * 1_000_000);
    ms = whole + micros / 1000;
  }
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${JSON.stringify(timestamp)}`);
  return new Date(Math.floor(ms / HOUR_MS) * HOUR_MS).toISOString();
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** What an hourly rollup counts events by: the dimensions reports group on. */
export const ROLLUP_DIMENSIONS = [
  'verb',
  'apiGroup',
  'resource',
  'subresource',
  'namespace',
  'username',
  'userKind',
  'statusCode',
] as const satisfies readonly (keyof EventColumns)[];

/** One rollup row: cluster-less (a batch is one cluster's), hour first, dimensions in ROLLUP_DIMENSIONS order, count last. */
export type RollupRow = [hour: string, ...dimensions: (string | number | null)[], events: number];

/**
 * Counts a batch's events per hour and dimensions. Rows come sorted by key,
 * so concurrent batches update shared rollup rows in the same order and
 * cannot deadlock.
 */
export class HourlyRollup {
  readonly #counts = new Map<string, { key: (string | number | null)[]; events: number }>();

  add(columns: EventColumns): void {
    const key: (string | number | null)[] = [utcHour(columns.ts)];
    for (const dimension of ROLLUP_DIMENSIONS) key.push(columns[dimension]);
    const id = JSON.stringify(key);
    const entry = this.#counts.get(id);
    if (entry) entry.events++;
    else this.#counts.set(id, { key, events: 1 });
  }

  rows(): RollupRow[] {
    return [...this.#counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, { key, events }]) => [...key, events] as RollupRow);
  }
}
