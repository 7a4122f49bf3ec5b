const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago"; "never" for no time. */
export function timeAgo(at: Date | string | null | undefined, now = Date.now()): string {
  if (!at) return 'never';
  const diff = new Date(at).getTime() - now;
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms || unit === 'second') return relative.format(Math.round(diff / ms), unit);
  return 'now';
}

export const dateTime = (at: Date | string | null | undefined): string =>
  at ? new Date(at).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—';

export const count = (n: number): string => new Intl.NumberFormat('en').format(n);

const UNITS_BYTES = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
export function bytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS_BYTES.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS_BYTES[unit]}`;
}
