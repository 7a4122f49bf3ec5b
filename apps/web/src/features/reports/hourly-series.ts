const HOUR = 3_600_000;

export interface ReportRange {
  from: string;
  to: string;
}

/**
 * One point per hour of the range, 0 where the query gave no row: the
 * query groups by hour and so leaves quiet hours out, which a line would
 * otherwise draw straight across.
 */
export function hourlySeries(rows: unknown[][], range: ReportRange): { hour: number; value: number }[] {
  const counts = new Map(rows.map(([hour, value]) => [new Date(hour as string | Date).getTime(), Number(value)]));
  const first = Math.floor(new Date(range.from).getTime() / HOUR) * HOUR;
  const last = new Date(range.to).getTime();
  const points = [];
  for (let hour = first; hour <= last; hour += HOUR) points.push({ hour, value: counts.get(hour) ?? 0 });
  return points;
}
