import { QueryError } from '../../errors';
import { typed } from '../../typed';
import { asJson, asNumber, asText, bool, number, text } from '../coerce';
import type { ExprContext } from '../compile-expr';
import type { CallExpr } from '../sql-ast';
import { literalString, type FnTable } from './fn';
import { toJsonPath } from './json-path';

function jsonPath(call: CallExpr, ctx: ExprContext): string {
  const path = toJsonPath(literalString(call, 1, ctx, 'JSON path'));
  if (path === null) throw new QueryError(`${call.name}: not a JSON path (like '$.a.b[0]')`, ctx.source, call.args[1]!.offset);
  return ctx.params.add(path, 'jsonpath');
}

// Values read from the event are jsonb already; text is parsed, and is no
// value when it is not JSON (SLS stores arrays such as sourceIPs as text).
export const JSON_FUNCTIONS: FnTable = {
  json_parse: { arity: [1, 1], build: ([a]) => typed(asJson(a!), 'json') },
  // A JSON string formats as its value: `json_format(json_array_get(sourceIPs, 0))` is an address, as in SLS.
  json_format: { arity: [1, 1], build: ([a]) => text(asText(a!)) },
  json_array_length: { arity: [1, 1], build: ([a]) => number(`kt_json_array_length(${asJson(a!)})`) },
  json_array_get: { arity: [2, 2], build: ([a, b]) => typed(`kt_json_array_get(${asJson(a!)}, (${asNumber(b!)})::int)`, 'json') },
  json_array_contains: { arity: [2, 2], build: ([a, b]) => bool(`kt_contains(${asJson(a!)}, ${asText(b!)})`) },
  json_extract: {
    arity: [2, 2],
    literalArgs: [1],
    build: ([a], call, ctx) => typed(`jsonb_path_query_first(${asJson(a!)}, ${jsonPath(call, ctx)})`, 'json'),
  },
  json_extract_scalar: {
    arity: [2, 2],
    literalArgs: [1],
    build: ([a], call, ctx) => text(`kt_json_scalar(jsonb_path_query_first(${asJson(a!)}, ${jsonPath(call, ctx)}))`),
  },
};
