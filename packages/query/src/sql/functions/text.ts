import type { Typed } from '../../typed';
import { asJson, asNumber, asText, bool, number, text } from '../coerce';
import type { ExprContext } from '../compile-expr';
import type { CallExpr } from '../sql-ast';
import { literalString, type FnTable } from './fn';

const oneText = (pg: string) => ({ arity: [1, 1] as [number, number], build: ([a]: Typed[]) => text(`${pg}(${asText(a!)})`) });
const int = (e: Typed) => `(${asNumber(e)})::int`;

/**
 * Presto writes group references in a replacement as `$1` and a literal
 * dollar as `\$`; PostgreSQL writes `\1` and takes `\\` for a backslash.
 */
function replacement(call: CallExpr, ctx: ExprContext): string {
  if (!call.args[2]) return '';
  const source = literalString(call, 2, ctx, 'replacement');
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const next = source[i + 1];
    if (ch === '\\' && next !== undefined) {
      out += next === '\\' ? '\\\\' : next;
      i++;
    } else if (ch === '$' && next !== undefined && /[0-9]/.test(next)) {
      out += `\\${next}`;
      i++;
    } else out += ch === '\\' ? '\\\\' : ch;
  }
  return out;
}

export const TEXT_FUNCTIONS: FnTable = {
  lower: oneText('lower'),
  upper: oneText('upper'),
  trim: oneText('btrim'),
  ltrim: oneText('ltrim'),
  rtrim: oneText('rtrim'),
  reverse: oneText('reverse'),
  length: { arity: [1, 1], build: ([a]) => number(`length(${asText(a!)})`) },
  strpos: { arity: [2, 2], build: ([a, b]) => number(`strpos(${asText(a!)}, ${asText(b!)})`) },
  starts_with: { arity: [2, 2], build: ([a, b]) => bool(`starts_with(${asText(a!)}, ${asText(b!)})`) },
  concat: { arity: [1, 100], build: (args) => text(`concat(${args.map(asText).join(', ')})`) },
  substr: { arity: [2, 3], build: ([a, b, c]) => text(`substr(${asText(a!)}, ${int(b!)}${c ? `, greatest(${int(c)}, 0)` : ''})`) },
  replace: { arity: [2, 3], build: ([a, b, c]) => text(`replace(${asText(a!)}, ${asText(b!)}, ${c ? asText(c) : "''"})`) },
  split_part: {
    arity: [3, 3],
    // Presto has no value for a field that is not there, where PostgreSQL gives '' (and fails below 1).
    build: ([a, b, c]) => {
      const [s, d, n] = [asText(a!), asText(b!), int(c!)];
      const fields = `(CASE WHEN ${d} = '' THEN 1 ELSE (length(${s}) - length(replace(${s}, ${d}, ''))) / length(${d}) + 1 END)`;
      return text(`(CASE WHEN ${n} BETWEEN 1 AND ${fields} THEN split_part(${s}, ${d}, ${n}) END)`);
    },
  },
  split: { arity: [2, 2], build: ([a, b]) => ({ sql: `to_jsonb(string_to_array(${asText(a!)}, ${asText(b!)}))`, type: 'json' }) },
  // An array holds the value as an element; a text holds it as a substring.
  contains: {
    arity: [2, 2],
    build: ([a, b]) =>
      a!.type === 'json' || a!.type === 'textarray'
        ? bool(`kt_contains(${asJson(a!)}, ${asText(b!)})`)
        : bool(`(strpos(${asText(a!)}, ${asText(b!)}) > 0)`),
  },
  // Inside try() a malformed pattern gives NULL; outside it fails the query, as in Presto.
  regexp_like: {
    arity: [2, 2],
    build: ([a, b], _call, ctx) => bool(ctx.safe ? `kt_try_regexp_like(${asText(a!)}, ${asText(b!)})` : `(${asText(a!)} ~ ${asText(b!)})`),
  },
  regexp_extract: {
    arity: [2, 3],
    build: ([a, b, c], _call, ctx) =>
      text(`${ctx.safe ? 'kt_try_regexp_extract' : 'kt_regexp_extract'}(${asText(a!)}, ${asText(b!)}, ${c ? int(c) : '0'})`),
  },
  regexp_replace: {
    arity: [2, 3],
    literalArgs: [2],
    build: ([a, b], call, ctx) => {
      const r = ctx.params.add(replacement(call, ctx), 'text');
      return text(
        ctx.safe ? `kt_try_regexp_replace(${asText(a!)}, ${asText(b!)}, ${r})` : `regexp_replace(${asText(a!)}, ${asText(b!)}, ${r}, 'g')`,
      );
    },
  },
};
