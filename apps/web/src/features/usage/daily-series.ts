export interface UsageRow {
  clusterId: string;
  day: string;
  eventsStored: number;
}

/** One chart point per day with a value per cluster (0 where a cluster stored nothing that day). */
export function dailySeries(
  rows: UsageRow[],
  clusterNames: Map<string, string>,
): { points: Record<string, number | string>[]; series: string[] } {
  const series = [...new Set(rows.map((r) => clusterNames.get(r.clusterId) ?? r.clusterId))].sort();
  const byDay = new Map<string, Record<string, number | string>>();
  for (const r of rows) {
    const point = byDay.get(r.day) ?? Object.fromEntries([['day', r.day], ...series.map((s) => [s, 0])]);
    const name = clusterNames.get(r.clusterId) ?? r.clusterId;
    point[name] = Number(point[name] ?? 0) + r.eventsStored;
    byDay.set(r.day, point);
  }
  return { points: [...byDay.values()].sort((a, b) => String(a.day).localeCompare(String(b.day))), series };
}
