const DAY_MS = 86_400_000;

export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Every UTC day (`YYYY-MM-DD`) of a `YYYY-MM` month. */
export function daysOfMonth(month: string): string[] {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`"${month}" is not a month (YYYY-MM)`);
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
  const end = Date.UTC(Number(m[1]), Number(m[2]), 1);
  const days: string[] = [];
  for (let t = start; t < end; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
