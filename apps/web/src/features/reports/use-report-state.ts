'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { reportFiltersOf, reportHref, type ReportFilters } from './report-filters';

export const REFRESH_MS = 60_000;

export interface ReportState {
  filters: ReportFilters;
  /** when the relative range (`now-7d`) was read: as the URL landed, then at each refresh */
  ranAt: number;
  apply: (next: ReportFilters) => void;
  autoRefresh: boolean;
  setAutoRefresh: (on: boolean) => void;
}

/**
 * The report in the URL and the moment its range is read at. A refresh moves
 * that moment rather than refetching the same range, so the range keeps
 * ending now and new events come in.
 */
export function useReportState(): ReportState {
  const params = useSearchParams();
  const router = useRouter();
  const filters = useMemo(() => reportFiltersOf(params), [params]);
  const href = reportHref(filters);
  const [clock, setClock] = useState(() => ({ href, at: Date.now() }));
  if (clock.href !== href) setClock({ href, at: Date.now() });
  const [autoRefresh, setAutoRefresh] = useState(false);
  useEffect(() => {
    if (!autoRefresh) return;
    const timer = setInterval(() => setClock((c) => ({ ...c, at: Date.now() })), REFRESH_MS);
    return () => clearInterval(timer);
  }, [autoRefresh]);
  return {
    filters,
    ranAt: clock.at,
    apply: (next) => router.push(reportHref(next), { scroll: false }),
    autoRefresh,
    setAutoRefresh,
  };
}
