import { EVENT_REL, searchNumber, searchText } from '../fields';
import type { Params } from '../params';
import type { Typed } from '../typed';
import type { SearchNode } from './search-ast';
import { tokenRegex } from './token-regex';

// A NULL leaf would make `not field: x` drop the events without the field;
// in SLS they match it. Under a `not`, every leaf is therefore true or
// false, never NULL. Elsewhere a NULL leaf filters as false does (and/or
// without a not cannot turn it into true), and the bare condition keeps the
// column's indexes usable (`username ~* …` uses its trigram index).
type Definite = (sql: string) => string;
const coalesced: Definite = (sql) => `coalesce(${sql}, false)`;
const bare: Definite = (sql) => sql;

function matchTokens(expr: Typed, regex: string, params: Params, definite: Definite): string {
  const re = params.add(regex, 'text');
  if (expr.type === 'textarray') return definite(`EXISTS (SELECT 1 FROM unnest(${expr.sql}) AS g(v) WHERE g.v ~* ${re})`);
  return definite(`${expr.type === 'text' ? expr.sql : `(${expr.sql})::text`} ~* ${re}`);
}

/** A value without tokens (`""`, `"/"`) can only be compared whole; a missing field counts as empty. */
function matchWhole(expr: Typed, value: string, params: Params): string {
  const v = params.add(value.toLowerCase(), 'text');
  if (expr.type === 'textarray') return coalesced(`EXISTS (SELECT 1 FROM unnest(${expr.sql}) AS g(v) WHERE lower(g.v) = ${v})`);
  return `(lower(coalesce((${expr.sql})::text, '')) = ${v})`;
}

function present(expr: Typed): string {
  return expr.type === 'textarray' ? coalesced(`cardinality(${expr.sql}) > 0`) : `(${expr.sql} IS NOT NULL)`;
}

/** A search as a boolean SQL condition over the event table; every value is a parameter. */
export function compileSearch(node: SearchNode, params: Params, negated = false): string {
  const definite = negated ? coalesced : bare;
  switch (node.kind) {
    case 'all':
      return 'true';
    case 'and':
    case 'or':
      return `(${node.items.map((item) => compileSearch(item, params, negated)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${compileSearch(node.operand, params, true)})`;
    case 'present':
      return present(searchText(node.field, params));
    case 'match': {
      const expr = searchText(node.field, params);
      const regex = tokenRegex(node.value, node.quoted);
      return regex ? matchTokens(expr, regex, params, definite) : matchWhole(expr, node.value, params);
    }
    case 'text': {
      const regex = tokenRegex(node.value, node.quoted);
      // Values of any field at any depth (not the keys), as SLS's full-text index holds them.
      return regex ? definite(`kt_jsonb_matches(${EVENT_REL}.event, ${params.add(regex, 'text')})`) : 'false';
    }
    case 'compare':
      return definite(`${searchNumber(node.field, params)} ${node.op} ${params.add(node.value, 'numeric')}`);
    case 'range': {
      const value = searchNumber(node.field, params);
      const low = `${value} ${node.lowIncluded ? '>=' : '>'} ${params.add(node.low, 'numeric')}`;
      const high = `${value} ${node.highIncluded ? '<=' : '<'} ${params.add(node.high, 'numeric')}`;
      return definite(`(${low} AND ${high})`);
    }
  }
}
