import { AppError } from '@kubetrail/contracts';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30m`, `24h`, `7d` to milliseconds. */
export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+)([mhd])$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) throw new AppError('BAD_REQUEST', `${flag} "${text}" is not a duration such as 30m, 24h or 7d`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** An ISO 8601 instant from a flag; `undefined` when the flag is absent. */
export function parseInstant(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new AppError('BAD_REQUEST', `${flag} "${value}" is not an ISO 8601 time`);
  return date;
}
