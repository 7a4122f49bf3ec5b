import type { SearchNode } from '../search/search-ast';
import { isAggregate } from '../sql/functions/index';
import { children, hasAggregate } from '../sql/walk';
import type { Expr, Select } from '../sql/sql-ast';

/**
 * Event fields the hourly rollups keep (migration 0005_event_rollups), by
 * the dialect's names. Their rollup columns have the event table's names,
 * so a query over the rollups compiles with the same field map.
 */
export const ROLLUP_FIELDS = new Set([
  'verb',
  'objectRef.apiGroup',
  'objectRef.resource',
  'objectRef.subresource',
  'objectRef.namespace',
  'user.username',
  'responseStatus.code',
]);

const TIME_FIELDS = new Set(['__time__', 'stageTimestamp']);
const HOUR_OR_COARSER = new Set(['hour', 'day', 'week', 'month', 'quarter', 'year']);
// date_format specifiers finer than an hour.
const SUB_HOUR_SPECIFIER = /%[ifsSTr]/;

/**
 * Aggregates whose answer over weighted rollup rows equals their answer over
 * the events: counts (as sums of the weights) and those that only look at
 * which values occur.
 */
const ROLLUP_AGGREGATES = new Set(['count', 'count_if', 'approx_distinct', 'min', 'max', 'arbitrary']);

const isTimeRef = (e: Expr) =>
  (e.kind === 'name' && TIME_FIELDS.has(e.name)) ||
  (e.kind === 'call' && e.name === 'from_unixtime' && e.args.length === 1 && e.args[0]!.kind === 'name' && e.args[0]!.name === '__time__');

/** A time read only through a function whose result is the same for every instant of an hour. */
function hourSafeTime(e: Expr): boolean {
  if (e.kind !== 'call' || e.args.length !== 2) return false;
  const [a, b] = e.args as [Expr, Expr];
  if (e.name === 'date_trunc') return a.kind === 'string' && HOUR_OR_COARSER.has(a.value.toLowerCase()) && isTimeRef(b);
  if (e.name === 'date_format') return b.kind === 'string' && !SUB_HOUR_SPECIFIER.test(b.value) && isTimeRef(a);
  return false;
}

function exprAllowed(e: Expr, aliases: ReadonlySet<string>): boolean {
  if (hourSafeTime(e)) return true;
  switch (e.kind) {
    case 'name':
      return ROLLUP_FIELDS.has(e.name) || aliases.has(e.name) || aliases.has(e.name.toLowerCase());
    case 'call':
      if (e.name === 'count' && e.args[0]?.kind === 'star') return true;
      // Any other aggregate is refused until someone decides how it weighs rollup rows.
      if (isAggregate(e.name) && !ROLLUP_AGGREGATES.has(e.name)) return false;
      break;
    case 'star':
      return false;
  }
  return children(e).every((c) => exprAllowed(c, aliases));
}

/**
 * Whether a SELECT over `log` gives the same answer from the hourly rollups:
 * it aggregates (a rollup row stands for many events), has no search
 * filter, and every field it reads is a rollup dimension (time only at hour
 * granularity or coarser), with aggregates that weigh rows.
 */
export function answerableFromRollups(select: Select, search: SearchNode): boolean {
  if (search.kind !== 'all' || select.from.kind !== 'log') return false;
  if (select.groupBy.length === 0 && !select.items.some((i) => hasAggregate(i.expr))) return false;
  const aliases = new Set(select.items.flatMap((i) => (i.alias ? [i.alias, i.alias.toLowerCase()] : [])));
  const inItems = select.items.every((i) => i.expr.kind !== 'star' && exprAllowed(i.expr, new Set()));
  const clauses = [select.where, select.having, ...select.groupBy, ...select.orderBy.map((o) => o.expr)];
  return inItems && clauses.every((c) => c === null || exprAllowed(c, aliases));
}

/**
 * Whether the rollups can count a search's matches: every term names a
 * rollup dimension (full-text terms read the whole event, which they do not
 * keep). The terms compile to the same conditions over either relation.
 */
export function searchCountableFromRollups(search: SearchNode): boolean {
  switch (search.kind) {
    case 'all':
      return true;
    case 'and':
    case 'or':
      return search.items.every(searchCountableFromRollups);
    case 'not':
      return searchCountableFromRollups(search.operand);
    case 'text':
      return false;
    // Numbers are compared from a numeric column; other fields' numbers are read from the event.
    case 'compare':
    case 'range':
      return search.field === 'responseStatus.code';
    default:
      return ROLLUP_FIELDS.has(search.field);
  }
}
