/** Ranges in the URL stay relative (`now-24h`), so a shared link shows the latest events when opened. */
export const NOW = 'now';
export const DEFAULT_FROM = 'now-24h';

export const RANGE_PRESETS = [
  { value: 'now-15m', label: 'Last 15 minutes' },
  { value: 'now-1h', label: 'Last hour' },
  { value: 'now-24h', label: 'Last 24 hours' },
  { value: 'now-7d', label: 'Last 7 days' },
] as const;

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const RELATIVE = /^now-(\d+)([mhd])$/;

/** `now`, `now-<n>m|h|d` or an ISO instant, read at `now` (ms); null when it is none of these. */
export function instantAt(text: string, now: number): Date | null {
  if (text === NOW) return new Date(now);
  const relative = RELATIVE.exec(text);
  if (relative) return new Date(now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS]);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

export const isPreset = (from: string, to: string): boolean => to === NOW && RANGE_PRESETS.some((p) => p.value === from);
