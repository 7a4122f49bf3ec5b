export type Expr =
  | { kind: 'number'; text: string; offset: number }
  | { kind: 'string'; value: string; offset: number }
  | { kind: 'bool'; value: boolean; offset: number }
  | { kind: 'null'; offset: number }
  /** a column: an event field over `log`, an output column over a subquery, or a select alias */
  | { kind: 'name'; name: string; offset: number }
  | { kind: 'star'; offset: number }
  | { kind: 'unary'; op: '-' | 'NOT'; operand: Expr; offset: number }
  | { kind: 'logic'; op: 'AND' | 'OR'; items: Expr[]; offset: number }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; offset: number }
  | { kind: 'like'; negated: boolean; value: Expr; pattern: Expr; escape: Expr | null; offset: number }
  | { kind: 'in'; negated: boolean; value: Expr; list: Expr[]; offset: number }
  | { kind: 'between'; negated: boolean; value: Expr; low: Expr; high: Expr; offset: number }
  | { kind: 'isnull'; negated: boolean; value: Expr; offset: number }
  | { kind: 'case'; operand: Expr | null; whens: { when: Expr; then: Expr }[]; otherwise: Expr | null; offset: number }
  | { kind: 'cast'; safe: boolean; value: Expr; type: string; offset: number }
  | { kind: 'call'; name: string; args: Expr[]; distinct: boolean; offset: number };

export type CallExpr = Extract<Expr, { kind: 'call' }>;

export interface SelectItem {
  expr: Expr;
  alias: string | null;
  offset: number;
}

export interface OrderItem {
  expr: Expr;
  descending: boolean;
  nulls: 'FIRST' | 'LAST' | null;
}

export type Source = { kind: 'log'; offset: number } | { kind: 'subquery'; select: Select; offset: number };

export interface Select {
  distinct: boolean;
  items: SelectItem[];
  from: Source;
  where: Expr | null;
  groupBy: Expr[];
  having: Expr | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
}
