/**
 * The types a compiled expression can have. `json` is a jsonb value read from
 * the event (or parsed); `textarray` is the groups column, searched element
 * by element; `null` is a bare NULL literal that takes its neighbours' type.
 */
export type ValueType = 'text' | 'number' | 'bool' | 'timestamp' | 'json' | 'textarray' | 'null';

export interface Typed {
  sql: string;
  type: ValueType;
}

export const typed = (sql: string, type: ValueType): Typed => ({ sql, type });
