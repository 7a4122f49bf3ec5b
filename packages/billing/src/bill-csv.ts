import type { MonthlyBill } from './monthly-bill';

// Cluster names come from users: a leading = + - @ would run as a spreadsheet formula.
const cell = (v: string | number) => {
  const text = String(v);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The bill as CSV: one row per cluster, then the total. */
export function billCsv(bill: MonthlyBill, names: Map<string, string> = new Map()): string {
  const rows: (string | number)[][] = [
    ['month', 'cluster_id', 'cluster', 'ingested_gb', 'stored_gb_month', 'events', `cost_${bill.currency}`],
  ];
  for (const c of bill.clusters)
    rows.push([bill.month, c.clusterId, names.get(c.clusterId) ?? '', c.ingestedGB, c.storedGBMonth, c.events, c.cost.toFixed(2)]);
  rows.push([bill.month, '', 'total', '', '', '', bill.total.toFixed(2)]);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
