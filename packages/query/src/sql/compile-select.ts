import { QueryError } from '../errors';
import { fieldExpr, isFieldName } from '../fields';
import { quoteIdent, type Params } from '../params';
import { typed, type Typed, type ValueType } from '../typed';
import { compileExpr, type ExprContext, type Scope } from './compile-expr';
import type { Expr, Select } from './sql-ast';
import { hasAggregate } from './walk';

export interface CompiledSelect {
  sql: string;
  columns: { name: string; type: ValueType }[];
}

export interface SelectContext {
  source: string;
  params: Params;
  /**
   * What a SELECT reads as `log`, as a FROM item (`(SELECT … ) AS log`): the
   * scoped, search-filtered events, or their hourly rollups when they give
   * the same answer, whose rows each weigh their `weight` column's events.
   */
  logSql: (select: Select) => { sql: string; weight: string | null };
  /** numbers the subqueries' aliases */
  subqueries: { count: number };
}

/** Names over `log` are event fields; over a subquery, its columns (matched without regard to case). */
function logScope(ctx: SelectContext): Scope {
  return {
    resolve(name, offset) {
      if (!isFieldName(name)) throw new QueryError(`\`${name}\` is not a field name`, ctx.source, offset);
      return fieldExpr(name, ctx.params);
    },
  };
}

function columnScope(columns: CompiledSelect['columns'], ctx: SelectContext): Scope {
  return {
    resolve(name, offset) {
      const column = columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
      if (!column)
        throw new QueryError(
          `unknown column \`${name}\` (this query reads ${columns.map((c) => `"${c.name}"`).join(', ')})`,
          ctx.source,
          offset,
        );
      return typed(quoteIdent(column.name), column.type);
    },
  };
}

/** Select aliases first (for GROUP BY, HAVING, ORDER BY), then the FROM scope. */
function withAliases(aliases: Map<string, Typed>, inner: Scope): Scope {
  return { resolve: (name, offset) => aliases.get(name) ?? aliases.get(name.toLowerCase()) ?? inner.resolve(name, offset) };
}

/** One SELECT of the dialect, rebuilt as PostgreSQL. */
export function compileSelect(select: Select, ctx: SelectContext): CompiledSelect {
  let fromSql: string;
  let scope: Scope;
  let fromColumns: CompiledSelect['columns'] | null = null;
  let weight: string | null = null;
  if (select.from.kind === 'log') {
    const log = ctx.logSql(select);
    fromSql = log.sql;
    weight = log.weight;
    scope = logScope(ctx);
  } else {
    const inner = compileSelect(select.from.select, ctx);
    fromSql = `(${inner.sql}) AS _s${++ctx.subqueries.count}`;
    fromColumns = inner.columns;
    scope = columnScope(inner.columns, ctx);
  }
  const exprCtx = (s: Scope, aggregates: ExprContext['aggregates'] = 'allowed'): ExprContext => ({
    source: ctx.source,
    params: ctx.params,
    scope: s,
    safe: false,
    aggregates,
    weight,
  });

  const columns: CompiledSelect['columns'] = [];
  const items: string[] = [];
  const aliases = new Map<string, Typed>();
  select.items.forEach((item, i) => {
    if (item.expr.kind === 'star') {
      if (!fromColumns) throw new QueryError('SELECT * over log is not supported: name the fields you want', ctx.source, item.expr.offset);
      for (const c of fromColumns) {
        items.push(quoteIdent(c.name));
        columns.push(c);
      }
      return;
    }
    const value = compileExpr(item.expr, exprCtx(scope));
    const name = item.alias ?? (item.expr.kind === 'name' ? item.expr.name : `_col${i}`);
    if (columns.some((c) => c.name === name)) throw new QueryError(`two columns are named "${name}"`, ctx.source, item.expr.offset);
    items.push(`${value.sql} AS ${quoteIdent(name)}`);
    columns.push({ name, type: value.type });
    aliases.set(name, value);
    if (!aliases.has(name.toLowerCase())) aliases.set(name.toLowerCase(), value);
  });

  const aliased = exprCtx(withAliases(aliases, scope));
  const grouped = select.groupBy.length > 0 || select.items.some((i) => hasAggregate(i.expr));
  let sql = `SELECT ${select.distinct ? 'DISTINCT ' : ''}${items.join(', ')} FROM ${fromSql}`;
  if (select.where) sql += ` WHERE ${compileExpr(select.where, exprCtx(scope, { reason: 'in WHERE' })).sql}`;
  const groupCtx = exprCtx(withAliases(aliases, scope), { reason: 'in GROUP BY' });
  if (select.groupBy.length) sql += ` GROUP BY ${select.groupBy.map((g) => ordinalOr(g, groupCtx)).join(', ')}`;

  // SLS accepts HAVING on a query that does not aggregate, as a filter on its
  // output rows (by their names): the query is wrapped and filtered outside.
  const filterOutput = select.having !== null && !grouped;
  if (select.having && !filterOutput) sql += ` HAVING ${compileExpr(select.having, aliased).sql}`;
  if (filterOutput) {
    const outer = exprCtx(columnScope(columns, ctx), { reason: 'in HAVING over rows that are not grouped' });
    sql = `SELECT * FROM (${sql}) AS _h WHERE ${compileExpr(select.having!, outer).sql}`;
  }
  const orderScope = filterOutput ? exprCtx(columnScope(columns, ctx)) : aliased;
  if (select.orderBy.length)
    sql += ` ORDER BY ${select.orderBy
      .map((o) => `${orderTerm(o.expr, orderScope, columns)}${o.descending ? ' DESC' : ''}${o.nulls ? ` NULLS ${o.nulls}` : ''}`)
      .join(', ')}`;
  if (select.limit !== null) sql += ` LIMIT ${select.limit}`;
  if (select.offset !== null) sql += ` OFFSET ${select.offset}`;
  return { sql, columns };
}

/** `GROUP BY 1` and `ORDER BY 2` name output columns by position. */
function ordinalOr(e: Expr, ctx: ExprContext): string {
  if (e.kind === 'number' && /^\d+$/.test(e.text)) return e.text;
  return compileExpr(e, ctx).sql;
}

function orderTerm(e: Expr, ctx: ExprContext, columns: CompiledSelect['columns']): string {
  if (e.kind === 'number' && /^\d+$/.test(e.text)) {
    const n = Number(e.text);
    if (n < 1 || n > columns.length) throw new QueryError(`ORDER BY ${n}: the query has ${columns.length} columns`, ctx.source, e.offset);
    return e.text;
  }
  return compileExpr(e, ctx).sql;
}
