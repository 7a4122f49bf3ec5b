export type CompareOp = '=' | '<' | '<=' | '>' | '>=';

export type SearchNode =
  | { kind: 'all' }
  | { kind: 'and' | 'or'; items: SearchNode[] }
  | { kind: 'not'; operand: SearchNode }
  /** `field: value`: the value's tokens appear in the field; unquoted values may hold `*` and `?` wildcards */
  | { kind: 'match'; field: string; value: string; quoted: boolean; offset: number }
  /** `field: *`: the field has a value */
  | { kind: 'present'; field: string; offset: number }
  /** a term without a field: its tokens appear in some value of the event */
  | { kind: 'text'; value: string; quoted: boolean; offset: number }
  /** numbers stay text, so PostgreSQL's numeric reads them without rounding */
  | { kind: 'compare'; field: string; op: CompareOp; value: string; offset: number }
  | { kind: 'range'; field: string; low: string; high: string; lowIncluded: boolean; highIncluded: boolean; offset: number };
