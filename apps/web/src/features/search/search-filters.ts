import { DEFAULT_FROM, instantAt, NOW } from './time-range';

/** What the URL holds of a search, so a link reproduces it. */
export interface SearchFilters {
  query: string;
  from: string;
  to: string;
  /** a cluster's id or name; all clusters of the project when null */
  cluster: string | null;
}

export function filtersOf(params: Pick<URLSearchParams, 'get'>): SearchFilters {
  const from = params.get('from');
  const to = params.get('to');
  // A range that does not read as one falls back to the default rather than failing every query.
  const readable = from !== null && to !== null && instantAt(from, 0) !== null && instantAt(to, 0) !== null;
  return {
    query: params.get('query') ?? '',
    from: readable ? from : DEFAULT_FROM,
    to: readable ? to : NOW,
    cluster: params.get('cluster') || null,
  };
}

export function searchHref(filters: SearchFilters): string {
  const params = new URLSearchParams({ query: filters.query, from: filters.from, to: filters.to });
  if (filters.cluster) params.set('cluster', filters.cluster);
  return `/search?${params}`;
}
