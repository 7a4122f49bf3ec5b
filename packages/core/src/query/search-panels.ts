import { AppError } from '@kubetrail/contracts';
import { buildFacetQuery, buildHistogramQuery, parseQuery, type ParsedQuery } from '@kubetrail/query';
import type { CoreDeps } from '../shared/deps';
import { QUERY_LIMITS, resolveQueryScope, runScoped, type RunQueryInput } from './run-query';

export const SEARCH_PANEL_LIMITS = {
  defaultBuckets: 60,
  /** a chart wider than this has more bars than pixels */
  maxBuckets: 1_000,
  defaultTop: 10,
  maxTop: 50,
  /** each field is one query over the matching events */
  maxFields: 20,
} as const;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Steps a reader can count in; past the last one, whole days.
const NICE_STEPS = [
  1,
  5,
  10,
  30,
  MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
  30 * DAY,
];

/** The smallest nice step, in seconds, that cuts `from`–`to` into at most `maxBuckets` buckets. */
export function histogramStep(from: Date, to: Date, maxBuckets: number): number {
  const seconds = (to.getTime() - from.getTime()) / 1000;
  const fits = (step: number) => Math.ceil(seconds / step) <= maxBuckets;
  return NICE_STEPS.find(fits) ?? Math.ceil(seconds / maxBuckets / DAY) * DAY;
}

type PanelScope = Pick<RunQueryInput, 'project' | 'cluster' | 'from' | 'to' | 'query'>;

export interface HistogramInput extends PanelScope {
  /** most buckets wanted (default 60) */
  buckets?: number;
}

export interface Histogram {
  bucketSeconds: number;
  /** every bucket from `from` on, empty ones as 0; the last may reach past `to` */
  buckets: { start: string; count: number }[];
}

export interface FacetsInput extends PanelScope {
  fields: string[];
  /** most values per field (default 10) */
  top?: number;
}

export interface FacetValue {
  /** the field's value as text; null when events lack it */
  value: string | null;
  count: number;
}

/**
 * The console's histogram and facets describe the events a query's search
 * part matches: a query with `| SELECT …` has its table in the results, and
 * its chart and facets show the events that table was computed from.
 */
function searchPart(source: string): ParsedQuery {
  return { ...parseQuery(source), select: null };
}

function wholeNumberIn(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new AppError('BAD_REQUEST', `${name} must be a whole number from 1 to ${max}`);
  return value;
}

/** Matching events per time bucket, for the chart above the results. */
export async function searchHistogram(deps: CoreDeps, input: HistogramInput): Promise<Histogram> {
  const maxBuckets = wholeNumberIn('buckets', input.buckets ?? SEARCH_PANEL_LIMITS.defaultBuckets, SEARCH_PANEL_LIMITS.maxBuckets);
  const parsed = searchPart(input.query);
  const { projectId, scope } = await resolveQueryScope(deps, input);
  const bucketSeconds = histogramStep(scope.from, scope.to, maxBuckets);
  const count = Math.ceil((scope.to.getTime() - scope.from.getTime()) / 1000 / bucketSeconds);
  const result = await runScoped(deps, projectId, buildHistogramQuery(parsed, scope, bucketSeconds), {
    timeoutMs: QUERY_LIMITS.timeoutMs,
    maxRows: count,
  });
  const counts = new Map(result.rows.map(([start, n]) => [(start as Date).getTime(), Number(n)]));
  const buckets = Array.from({ length: count }, (_, i) => {
    const start = scope.from.getTime() + i * bucketSeconds * 1000;
    return { start: new Date(start).toISOString(), count: counts.get(start) ?? 0 };
  });
  return { bucketSeconds, buckets };
}

/** The most frequent values of each field among matching events, for the facet list beside the results. */
export async function searchFacets(deps: CoreDeps, input: FacetsInput): Promise<Record<string, FacetValue[]>> {
  const top = wholeNumberIn('top', input.top ?? SEARCH_PANEL_LIMITS.defaultTop, SEARCH_PANEL_LIMITS.maxTop);
  const fields = [...new Set(input.fields)];
  wholeNumberIn('the number of fields', fields.length, SEARCH_PANEL_LIMITS.maxFields);
  const parsed = searchPart(input.query);
  const { projectId, scope } = await resolveQueryScope(deps, input);
  // Built before any runs, so a bad field name fails the request without querying.
  const queries = fields.map((field) => buildFacetQuery(parsed, scope, field, top));
  const results = await Promise.all(
    queries.map((sql) => runScoped(deps, projectId, sql, { timeoutMs: QUERY_LIMITS.timeoutMs, maxRows: top })),
  );
  // fromEntries, not assignment: a field may be named `__proto__`.
  return Object.fromEntries(
    fields.map((field, i) => [field, results[i]!.rows.map(([value, count]) => ({ value: value as string | null, count: Number(count) }))]),
  );
}
