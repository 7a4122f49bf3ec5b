import { typed, type Typed, type ValueType } from '../typed';

// The dialect combines values loosely (SLS keeps most fields as text). These
// conversions never fail: what does not convert becomes NULL.

export function asText(e: Typed): string {
  switch (e.type) {
    case 'text':
      return e.sql;
    case 'json':
      // Objects and arrays as compact JSON text, strings as their value.
      return `kt_json_text(${e.sql})`;
    case 'timestamp':
      // As audit events write times, so text from a time column looks like the event's.
      return `to_char(${e.sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case 'textarray':
      return `kt_json_text(to_jsonb(${e.sql}))`;
    case 'null':
      return 'NULL::text';
    default:
      return `(${e.sql})::text`;
  }
}

export function asNumber(e: Typed): string {
  switch (e.type) {
    case 'number':
      return e.sql;
    case 'null':
      return 'NULL::numeric';
    case 'bool':
      return `(${e.sql})::int`;
    case 'timestamp':
      return `extract(epoch FROM ${e.sql})`;
    default:
      return `kt_try_numeric(${asText(e)})`;
  }
}

export function asBool(e: Typed): string {
  switch (e.type) {
    case 'bool':
      return e.sql;
    case 'null':
      return 'NULL::boolean';
    case 'number':
      return `((${e.sql}) <> 0)`;
    default:
      return `kt_try_boolean(${asText(e)})`;
  }
}

export function asJson(e: Typed): string {
  switch (e.type) {
    case 'json':
      return e.sql;
    case 'null':
      return 'NULL::jsonb';
    case 'text':
      return `kt_try_jsonb(${e.sql})`;
    default:
      return `to_jsonb(${e.sql})`;
  }
}

export function asTimestamp(e: Typed): string {
  switch (e.type) {
    case 'timestamp':
      return e.sql;
    case 'number':
      return `to_timestamp(${e.sql})`;
    case 'null':
      return 'NULL::timestamptz';
    default:
      return `kt_try_timestamp(${asText(e)})`;
  }
}

const CONVERT: Partial<Record<ValueType, (e: Typed) => string>> = {
  text: asText,
  number: asNumber,
  bool: asBool,
  json: asJson,
  timestamp: asTimestamp,
};

/**
 * One type for values that meet (compared, listed in IN, branches of a
 * CASE): their common type when they agree, numbers over text as SLS
 * compares a text field with a number, otherwise text.
 */
export function unifyAll(values: Typed[]): { type: ValueType; sqls: string[] } {
  const types = new Set(values.map((v) => v.type).filter((t) => t !== 'null'));
  let type: ValueType;
  if (types.size === 0) type = 'null';
  else if (types.size === 1) type = [...types][0]!;
  else if (types.has('number') && [...types].every((t) => t === 'number' || t === 'text' || t === 'json' || t === 'bool')) type = 'number';
  else if (types.has('timestamp') && [...types].every((t) => t === 'timestamp' || t === 'text' || t === 'number')) type = 'timestamp';
  else type = 'text';
  if (type === 'textarray') type = 'text';
  const convert = CONVERT[type];
  return { type, sqls: values.map((v) => (convert && v.type !== type ? convert(v) : v.sql)) };
}

/** Branch results: numbers stay numbers only when every branch is one; mixed branches become text. */
export function commonResult(values: Typed[]): { type: ValueType; sqls: string[] } {
  const types = new Set(values.map((v) => v.type).filter((t) => t !== 'null'));
  if (types.size <= 1) return unifyAll(values);
  return { type: 'text', sqls: values.map(asText) };
}

export const bool = (sql: string): Typed => typed(sql, 'bool');
export const number = (sql: string): Typed => typed(sql, 'number');
export const text = (sql: string): Typed => typed(sql, 'text');
