import { QueryError } from './errors';
import { EVENT_REL, fieldExpr, isFieldName } from './fields';
import { MAX_QUERY_LENGTH } from './limits';
import { Params } from './params';
import { answerableFromRollups, searchCountableFromRollups } from './rollup/rollup-eligible';
import { rollupRelation } from './rollup/rollup-relation';
import { compileSearch } from './search/compile-search';
import { parseSearch } from './search/parse-search';
import type { SearchNode } from './search/search-ast';
import { asText } from './sql/coerce';
import { compileSelect, type CompiledSelect } from './sql/compile-select';
import { parseSql } from './sql/parse-select';
import type { Select } from './sql/sql-ast';
import { pipeOffset } from './pipe-offset';

export { MAX_QUERY_LENGTH };

/** A statement for `pg`: the text has `$n` placeholders, the values fill them. */
export interface SqlText {
  text: string;
  values: unknown[];
}

/** What a query may read: these clusters' events with `from <= ts < to`. */
export interface QueryScope {
  clusterIds: string[];
  from: Date;
  to: Date;
}

export interface ParsedQuery {
  source: string;
  search: SearchNode;
  /** the analytics part after `|`, when there is one */
  select: Select | null;
}

/** Parses a query of the dialect: `search [| SELECT …]`; an empty search is `*`. */
export function parseQuery(source: string): ParsedQuery {
  if (source.length > MAX_QUERY_LENGTH) throw new QueryError(`the query is longer than ${MAX_QUERY_LENGTH} characters`);
  const pipe = pipeOffset(source);
  const searchEnd = pipe < 0 ? source.length : pipe;
  const search = source.slice(0, searchEnd).trim() === '' ? ({ kind: 'all' } as const) : parseSearch(source, 0, searchEnd);
  if (pipe < 0) return { source, search, select: null };
  if (source.slice(pipe + 1).trim() === '') throw new QueryError('the analytics part after `|` is empty', source, pipe);
  return { source, search, select: parseSql(source, pipe + 1, source.length) };
}

export const isAnalytics = (q: ParsedQuery): q is ParsedQuery & { select: Select } => q.select !== null;

/** The events the query reads, as a WHERE condition over `audit_events AS log`. */
function eventFilter(q: ParsedQuery, scope: QueryScope, params: Params): string {
  const clusters = params.add(scope.clusterIds, 'text[]');
  const from = params.add(scope.from.toISOString(), 'timestamptz');
  const to = params.add(scope.to.toISOString(), 'timestamptz');
  const search = compileSearch(q.search, params);
  const range = `${EVENT_REL}.cluster_id = ANY(${clusters}) AND ${EVENT_REL}.ts >= ${from} AND ${EVENT_REL}.ts < ${to}`;
  return search === 'true' ? range : `${range} AND ${search}`;
}

const FROM_EVENTS = `audit_events AS ${EVENT_REL}`;

export interface Page {
  limit: number;
  offset: number;
}

/** One page of matching events, newest first: rows of (cluster_id, ts, event). */
export function buildEventsQuery(q: ParsedQuery, scope: QueryScope, page: Page): SqlText {
  const params = new Params();
  const where = eventFilter(q, scope, params);
  return {
    text:
      `SELECT ${EVENT_REL}.cluster_id, ${EVENT_REL}.ts, ${EVENT_REL}.event FROM ${FROM_EVENTS} WHERE ${where} ` +
      `ORDER BY ${EVENT_REL}.ts DESC, ${EVENT_REL}.audit_id DESC, ${EVENT_REL}.stage LIMIT ${page.limit} OFFSET ${page.offset}`,
    values: params.values,
  };
}

/** How many events match: one row, one column. */
export function buildCountQuery(q: ParsedQuery, scope: QueryScope): SqlText {
  const params = new Params();
  const where = eventFilter(q, scope, params);
  return { text: `SELECT count(*) FROM ${FROM_EVENTS} WHERE ${where}`, values: params.values };
}

/**
 * Matching events per UTC hour, newest first, counted from the rollups:
 * rows of (hour, count), hours without matches left out. Null when the
 * search reads more than the rollups keep. Totals come from it without
 * touching the events, and it tells how far back a page of events reaches.
 */
export function buildMatchesPerHourQuery(q: ParsedQuery, scope: QueryScope): SqlText | null {
  if (!searchCountableFromRollups(q.search)) return null;
  const params = new Params();
  const relation = rollupRelation(scope, params);
  const search = compileSearch(q.search, params);
  return {
    text: `SELECT ${EVENT_REL}.ts AS hour, coalesce(sum(${EVENT_REL}.events), 0) AS count FROM ${relation} WHERE ${search} GROUP BY 1 ORDER BY 1 DESC`,
    values: params.values,
  };
}

/**
 * Matching events per time bucket of `bucketSeconds`, aligned to the scope's
 * start: rows of (bucket start, count), empty buckets left out.
 */
export function buildHistogramQuery(q: ParsedQuery, scope: QueryScope, bucketSeconds: number): SqlText {
  if (!Number.isInteger(bucketSeconds) || bucketSeconds < 1) throw new QueryError('a histogram bucket is a whole number of seconds');
  const params = new Params();
  const where = eventFilter(q, scope, params);
  const bucket = `date_bin(${params.add(`${bucketSeconds} seconds`, 'interval')}, ${EVENT_REL}.ts, ${params.add(scope.from.toISOString(), 'timestamptz')})`;
  return { text: `SELECT ${bucket} AS bucket, count(*) FROM ${FROM_EVENTS} WHERE ${where} GROUP BY 1 ORDER BY 1`, values: params.values };
}

/** The most frequent values of one field among matching events: rows of (value, count). */
export function buildFacetQuery(q: ParsedQuery, scope: QueryScope, field: string, top: number): SqlText {
  if (!isFieldName(field)) throw new QueryError(`\`${field}\` is not a field name`);
  if (!Number.isInteger(top) || top < 1) throw new QueryError('the number of top values is a whole number, 1 or more');
  const params = new Params();
  const value = asText(fieldExpr(field, params));
  const where = eventFilter(q, scope, params);
  return {
    text: `SELECT ${value} AS value, count(*) AS count FROM ${FROM_EVENTS} WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${top}`,
    values: params.values,
  };
}

/** The analytics part over the matching events, rebuilt as PostgreSQL. */
export interface AnalyticsOptions {
  /** read the hourly rollups instead of the events when the query's answer is the same */
  rollups: boolean;
}

export function buildAnalyticsQuery(
  q: ParsedQuery & { select: Select },
  scope: QueryScope,
  options: AnalyticsOptions = { rollups: true },
): SqlText & Pick<CompiledSelect, 'columns'> {
  const params = new Params();
  const where = eventFilter(q, scope, params);
  const compiled = compileSelect(q.select, {
    source: q.source,
    params,
    logSql: (select) =>
      options.rollups && answerableFromRollups(select, q.search)
        ? { sql: rollupRelation(scope, params), weight: `${EVENT_REL}.events` }
        : { sql: `(SELECT * FROM ${FROM_EVENTS} WHERE ${where}) AS ${EVENT_REL}`, weight: null },
    subqueries: { count: 0 },
  });
  return { text: compiled.sql, values: params.values, columns: compiled.columns };
}

/**
 * The names of the columns a query's SQL part returns, when they are known
 * without running it (every item aliased or a bare field); null otherwise.
 */
export function resultColumns(parsed: ParsedQuery): string[] | null {
  if (!parsed.select) return null;
  const names: string[] = [];
  for (const item of parsed.select.items) {
    if (item.alias) names.push(item.alias);
    else if (item.expr.kind === 'name') names.push(item.expr.name);
    else return null;
  }
  return names;
}
