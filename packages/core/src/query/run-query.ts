import { AppError } from '@kubetrail/contracts';
import { QueryTimeoutError, runScopedQuery, type ScopedQueryLimits, type SqlText } from '@kubetrail/db';
import {
  buildAnalyticsQuery,
  buildCountQuery,
  buildEventsQuery,
  buildMatchesPerHourQuery,
  isAnalytics,
  parseQuery,
  type ParsedQuery,
  type QueryScope,
} from '@kubetrail/query';
import type { CoreDeps } from '../shared/deps';
import { resolveCluster } from '../clusters/clusters';
import { resolveProject } from '../projects/projects';

export const QUERY_LIMITS = {
  /** what one query may take before PostgreSQL cancels it */
  timeoutMs: 30_000,
  /** rows an analytics query may return (the dialect's own LIMIT can only lower it) */
  maxRows: 100_000,
  /** events one search page may return */
  maxEvents: 10_000,
  defaultEvents: 100,
} as const;

export interface RunQueryInput {
  project: string;
  /** one cluster of the project; all of them when absent */
  cluster?: string;
  from: Date;
  to: Date;
  /** events per page, for a search */
  limit?: number;
  offset?: number;
  query: string;
  /** answer from the hourly rollups when the query allows it (default); false always reads the events */
  rollups?: boolean;
}

export type QueryAnswer =
  { kind: 'search'; total: number; events: unknown[] } | { kind: 'analytics'; columns: string[]; rows: unknown[][]; truncated: boolean };

/** What a query may see: the project's clusters (or one of them) in a time range. */
export async function resolveQueryScope(
  deps: CoreDeps,
  input: Pick<RunQueryInput, 'project' | 'cluster' | 'from' | 'to'>,
): Promise<{ projectId: string; scope: QueryScope }> {
  if (!(input.from < input.to)) throw new AppError('BAD_REQUEST', 'the time range is empty: --from must be before --to');
  const project = await resolveProject(deps, input.project);
  const clusterIds = input.cluster
    ? [(await resolveCluster(deps, input.cluster, project.id)).id]
    : (await deps.db.cluster.findMany({ where: { projectId: project.id }, select: { id: true } })).map((c) => c.id);
  return { projectId: project.id, scope: { clusterIds, from: input.from, to: input.to } };
}

/**
 * Runs a query in the SLS dialect over a project's events: a search gives
 * the events (newest first) and their total; a query with an SQL part gives
 * its table. Both run as the project-scoped query role.
 */
export async function runQuery(deps: CoreDeps, input: RunQueryInput): Promise<QueryAnswer> {
  const parsed = parseQuery(input.query);
  const { projectId, scope } = await resolveQueryScope(deps, input);
  return runParsedQuery(deps, projectId, scope, parsed, input);
}

/** Runs a parsed query over a scope already checked to be the project's (alert rules watch several clusters). */
export async function runParsedQuery(
  deps: CoreDeps,
  projectId: string,
  scope: QueryScope,
  parsed: ParsedQuery,
  input: Pick<RunQueryInput, 'limit' | 'offset' | 'rollups'> = {},
): Promise<QueryAnswer> {
  const run = (sql: SqlText, limits: ScopedQueryLimits = QUERY_LIMITS) => runScoped(deps, projectId, sql, limits);
  if (isAnalytics(parsed)) {
    const result = await run(buildAnalyticsQuery(parsed, scope, { rollups: input.rollups ?? true }));
    return { kind: 'analytics', columns: result.columns, rows: result.rows, truncated: result.truncated };
  }
  return searchEvents(parsed, scope, input, run);
}

async function searchEvents(
  parsed: ParsedQuery,
  scope: QueryScope,
  input: Pick<RunQueryInput, 'limit' | 'offset' | 'rollups'>,
  run: (sql: SqlText, limits?: ScopedQueryLimits) => Promise<{ rows: unknown[][] }>,
): Promise<QueryAnswer> {
  const limit = input.limit ?? QUERY_LIMITS.defaultEvents;
  if (!Number.isInteger(limit) || limit < 1 || limit > QUERY_LIMITS.maxEvents)
    throw new AppError('BAD_REQUEST', `limit must be a whole number from 1 to ${QUERY_LIMITS.maxEvents}`);
  const offset = input.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new AppError('BAD_REQUEST', 'offset must be a whole number, 0 or more');
  const perHour = input.rollups === false ? null : buildMatchesPerHourQuery(parsed, scope);
  if (!perHour) {
    const [count, page] = await Promise.all([
      run(buildCountQuery(parsed, scope)),
      run(buildEventsQuery(parsed, scope, { limit, offset }), pageLimits(limit)),
    ]);
    return { kind: 'search', total: Number(count.rows[0]?.[0] ?? 0), events: eventsOf(page.rows) };
  }
  const hours = (await run(perHour)).rows as [Date, number][];
  const total = hours.reduce((n, [, count]) => n + count, 0);
  if (offset >= total) return { kind: 'search', total, events: [] };
  // The page's events lie in the newest hours that hold offset + limit
  // matches: reading from the oldest of those spares the rest of the range.
  let seen = 0;
  let from = scope.from;
  for (const [hour, count] of hours) {
    seen += count;
    from = hour;
    if (seen >= offset + limit) break;
  }
  const narrowed = { ...scope, from: from > scope.from ? from : scope.from };
  const page = await run(buildEventsQuery(parsed, narrowed, { limit, offset }), pageLimits(limit));
  return { kind: 'search', total, events: eventsOf(page.rows) };
}

const pageLimits = (limit: number): ScopedQueryLimits => ({ ...QUERY_LIMITS, maxRows: limit });
// Rows are (cluster_id, ts, event): the event is what users asked for.
const eventsOf = (rows: unknown[][]) => rows.map((row) => row[2]);

export async function runScoped(deps: CoreDeps, projectId: string, sql: SqlText, limits: ScopedQueryLimits) {
  try {
    return await runScopedQuery(deps.pool, projectId, sql, limits);
  } catch (error) {
    if (error instanceof QueryTimeoutError) throw new AppError('QUERY_TIMEOUT', error.message);
    throw error;
  }
}
