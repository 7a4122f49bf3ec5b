import type { RouterOutputs } from '../../lib/api-types';

export type QueryAnswer = RouterOutputs['search']['run'];
export type SearchAnswer = Extract<QueryAnswer, { kind: 'search' }>;
export type AnalyticsAnswer = Extract<QueryAnswer, { kind: 'analytics' }>;
export type Histogram = RouterOutputs['search']['histogram'];
export type Facets = RouterOutputs['search']['facets'];
export type SavedQueryRow = RouterOutputs['savedQueries']['list'][number];

/** What every panel of one search asks the server about. */
export interface SearchScope {
  projectId: string;
  query: string;
  from: string;
  to: string;
  clusterId?: string;
}
