import type { Typed, ValueType } from '../typed';
import { asJson, asNumber, asText } from './coerce';

interface CastType {
  type: ValueType;
  /** CAST: fails on what does not convert, as Presto's does */
  strict(value: Typed): string;
  /** TRY_CAST, or CAST inside try(): NULL instead */
  safe(value: Typed): string;
}

const integer: CastType = {
  type: 'number',
  strict: (v) => (v.type === 'number' ? `round(${v.sql})::bigint` : `(${asText(v)})::bigint`),
  safe: (v) => (v.type === 'number' ? `kt_try_bigint((round(${v.sql}))::text)` : `kt_try_bigint(${asText(v)})`),
};
const double: CastType = {
  type: 'number',
  strict: (v) => (v.type === 'number' ? `(${v.sql})::double precision` : `(${asText(v)})::double precision`),
  safe: (v) => `(${asNumber(v)})::double precision`,
};
const decimal: CastType = {
  type: 'number',
  strict: (v) => (v.type === 'number' ? `(${v.sql})::numeric` : `(${asText(v)})::numeric`),
  safe: (v) => asNumber(v),
};
const varchar: CastType = { type: 'text', strict: asText, safe: asText };

/** The types CAST and TRY_CAST accept, by the dialect's (Presto's) names. */
export const CAST_TYPES: Record<string, CastType> = {
  BIGINT: integer,
  INTEGER: integer,
  INT: integer,
  SMALLINT: integer,
  TINYINT: integer,
  DOUBLE: double,
  REAL: double,
  DECIMAL: decimal,
  VARCHAR: varchar,
  CHAR: varchar,
  STRING: varchar,
  BOOLEAN: {
    type: 'bool',
    strict: (v) => (v.type === 'bool' ? v.sql : `(${asText(v)})::boolean`),
    safe: (v) => (v.type === 'bool' ? v.sql : `kt_try_boolean(${asText(v)})`),
  },
  TIMESTAMP: {
    type: 'timestamp',
    strict: (v) => (v.type === 'timestamp' ? v.sql : `(${asText(v)})::timestamptz`),
    safe: (v) => (v.type === 'timestamp' ? v.sql : `kt_try_timestamp(${asText(v)})`),
  },
  JSON: { type: 'json', strict: (v) => (v.type === 'text' ? `(${v.sql})::jsonb` : asJson(v)), safe: asJson },
};
