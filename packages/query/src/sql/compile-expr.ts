import { QueryError } from '../errors';
import type { Params } from '../params';
import { typed, type Typed } from '../typed';
import { asBool, asNumber, asText, bool, commonResult, number, text, unifyAll } from './coerce';
import { CAST_TYPES } from './cast-types';
import { compileCall } from './functions/index';
import type { Expr } from './sql-ast';

/** Where the bare names of an expression come from: event fields, a subquery's columns, select aliases. */
export interface Scope {
  resolve(name: string, offset: number): Typed;
}

export interface ExprContext {
  source: string;
  params: Params;
  scope: Scope;
  /** inside try(): what would fail gives NULL instead */
  safe: boolean;
  /** where an aggregate may appear: not in WHERE or GROUP BY, nor inside another aggregate */
  aggregates: 'allowed' | { reason: string };
  /** over hourly rollups, each row's event count: counts add it up instead of counting rows */
  weight: string | null;
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

/** An expression of the dialect as PostgreSQL; every literal string is a parameter. */
export function compileExpr(e: Expr, ctx: ExprContext): Typed {
  const sub = (x: Expr) => compileExpr(x, ctx);
  switch (e.kind) {
    case 'number':
      // Digits only (the lexer's rule), so they can be SQL text; decimals are exact, as numeric.
      return number(/[.eE]/.test(e.text) ? `${e.text}::numeric` : e.text);
    case 'string':
      return text(ctx.params.add(e.value, 'text'));
    case 'bool':
      return bool(e.value ? 'true' : 'false');
    case 'null':
      return typed('NULL', 'null');
    case 'name':
      return ctx.scope.resolve(e.name, e.offset);
    case 'star':
      throw new QueryError('`*` is only allowed as a whole select item or in count(*)', ctx.source, e.offset);
    case 'unary':
      return e.op === 'NOT' ? bool(`(NOT ${asBool(sub(e.operand))})`) : number(`(- ${asNumber(sub(e.operand))})`);
    case 'logic':
      return bool(`(${e.items.map((item) => asBool(sub(item))).join(` ${e.op} `)})`);
    case 'binary':
      return binary(e, ctx);
    case 'like': {
      const escape = e.escape ? asText(sub(e.escape)) : "''";
      // Presto's LIKE has no escape character unless one is given; PostgreSQL's default is `\`.
      return bool(`(${asText(sub(e.value))} ${e.negated ? 'NOT LIKE' : 'LIKE'} ${asText(sub(e.pattern))} ESCAPE ${escape})`);
    }
    case 'in': {
      const { sqls } = unifyAll([sub(e.value), ...e.list.map(sub)]);
      return bool(`(${sqls[0]} ${e.negated ? 'NOT IN' : 'IN'} (${sqls.slice(1).join(', ')}))`);
    }
    case 'between': {
      const [v, low, high] = unifyAll([sub(e.value), sub(e.low), sub(e.high)]).sqls;
      return bool(`(${v} ${e.negated ? 'NOT BETWEEN' : 'BETWEEN'} ${low} AND ${high})`);
    }
    case 'isnull': {
      const value = sub(e.value);
      // A JSON null is no value too.
      const sql = value.type === 'json' ? `(${value.sql} #>> '{}')` : value.sql;
      return bool(`(${sql} IS ${e.negated ? 'NOT ' : ''}NULL)`);
    }
    case 'case':
      return caseExpr(e, ctx);
    case 'cast': {
      const target = CAST_TYPES[e.type];
      if (!target) throw new QueryError(`cannot cast to ${e.type.toLowerCase()}`, ctx.source, e.offset);
      const value = sub(e.value);
      return typed(e.safe || ctx.safe ? target.safe(value) : target.strict(value), target.type);
    }
    case 'call':
      return compileCall(e, ctx);
  }
}

function binary(e: Extract<Expr, { kind: 'binary' }>, ctx: ExprContext): Typed {
  const left = compileExpr(e.left, ctx);
  const right = compileExpr(e.right, ctx);
  if (e.op === '||') return text(`(${asText(left)} || ${asText(right)})`);
  if (ARITHMETIC.has(e.op)) {
    const [a, b] = [asNumber(left), asNumber(right)];
    // Dividing by zero gives NULL rather than failing the whole report.
    if (e.op === '/' || e.op === '%') return number(`(${a} ${e.op} nullif(${b}, 0))`);
    return number(`(${a} ${e.op} ${b})`);
  }
  const [a, b] = unifyAll([left, right]).sqls;
  return bool(`(${a} ${e.op} ${b})`);
}

function caseExpr(e: Extract<Expr, { kind: 'case' }>, ctx: ExprContext): Typed {
  const sub = (x: Expr) => compileExpr(x, ctx);
  const results = commonResult([...e.whens.map((w) => sub(w.then)), ...(e.otherwise ? [sub(e.otherwise)] : [])]);
  const operand = e.operand && sub(e.operand);
  const whens = e.whens.map((w, i) => {
    const cond = operand ? unifyAll([operand, sub(w.when)]).sqls.join(' = ') : asBool(sub(w.when));
    return `WHEN ${cond} THEN ${results.sqls[i]}`;
  });
  const otherwise = e.otherwise ? ` ELSE ${results.sqls.at(-1)}` : '';
  return typed(`(CASE ${whens.join(' ')}${otherwise} END)`, results.type);
}
