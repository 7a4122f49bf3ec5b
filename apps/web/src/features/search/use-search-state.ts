'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { filtersOf, searchHref, type SearchFilters } from './search-filters';

export interface SearchState {
  filters: SearchFilters;
  /** when relative times (`now-1h`) were read: the moment this URL was last run */
  ranAt: number;
  run: (next: SearchFilters) => void;
}

/**
 * The search in the URL, and when it last ran. Running the same URL again
 * only moves `ranAt`; a new one navigates, and the clock moves as it lands,
 * so each run queries once.
 */
export function useSearchState(): SearchState {
  const params = useSearchParams();
  const router = useRouter();
  const filters = useMemo(() => filtersOf(params), [params]);
  const href = searchHref(filters);
  const [clock, setClock] = useState(() => ({ href, at: Date.now() }));
  if (clock.href !== href) setClock({ href, at: Date.now() });
  return {
    filters,
    ranAt: clock.at,
    run: (next) => {
      const nextHref = searchHref(next);
      if (nextHref === href) setClock({ href, at: Date.now() });
      else router.push(nextHref, { scroll: false });
    },
  };
}
