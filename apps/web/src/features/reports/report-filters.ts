import { NOW } from '../search/time-range';

/** Reports look back over days; their ranges end now, so a shared link shows the latest events when opened. */
export const REPORT_RANGES = [
  { value: 'now-24h', label: 'Last 24 hours' },
  { value: 'now-7d', label: 'Last 7 days' },
  { value: 'now-30d', label: 'Last 30 days' },
] as const;
export const DEFAULT_REPORT_FROM = 'now-7d';
export const REPORT_TO = NOW;

/** What the URL holds of a report, so a link reproduces it; empty text and a null code are no filter. */
export interface ReportFilters {
  from: string;
  /** a cluster's id or name; all clusters of the project when null */
  cluster: string | null;
  namespace: string;
  user: string;
  code: number | null;
}

export const isStatusCode = (n: number): boolean => Number.isInteger(n) && n >= 100 && n <= 599;

export function reportFiltersOf(params: Pick<URLSearchParams, 'get'>): ReportFilters {
  const from = params.get('from');
  const code = Number(params.get('code') || Number.NaN);
  return {
    // Anything but a preset falls back to the default rather than failing every panel.
    from: REPORT_RANGES.find((r) => r.value === from)?.value ?? DEFAULT_REPORT_FROM,
    cluster: params.get('cluster') || null,
    namespace: params.get('namespace') ?? '',
    user: params.get('user') ?? '',
    code: isStatusCode(code) ? code : null,
  };
}

export function reportHref(filters: ReportFilters): string {
  const params = new URLSearchParams({ from: filters.from });
  if (filters.cluster) params.set('cluster', filters.cluster);
  if (filters.namespace) params.set('namespace', filters.namespace);
  if (filters.user) params.set('user', filters.user);
  if (filters.code !== null) params.set('code', String(filters.code));
  return `/reports/overview?${params}`;
}
