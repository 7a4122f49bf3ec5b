import { QueryError } from '../../errors';
import type { Typed } from '../../typed';
import type { ExprContext } from '../compile-expr';
import type { CallExpr } from '../sql-ast';

/** One function of the dialect and how it becomes PostgreSQL. */
export interface Fn {
  /** how many arguments it takes: [min, max] */
  arity: [number, number];
  aggregate?: boolean;
  /** arguments read as literals at compile time (formats, units, paths), so not compiled */
  literalArgs?: number[];
  build(args: Typed[], call: CallExpr, ctx: ExprContext): Typed;
}

export type FnTable = Record<string, Fn>;

const fail = (message: string, call: CallExpr, i: number, ctx: ExprContext): never => {
  throw new QueryError(`${call.name}: ${message}`, ctx.source, call.args[i]?.offset ?? call.offset);
};

/** A literal string argument: the compiler reads it, so it must be written in the query. */
export function literalString(call: CallExpr, i: number, ctx: ExprContext, what: string): string {
  const arg = call.args[i];
  if (arg?.kind !== 'string') return fail(`the ${what} must be a quoted string`, call, i, ctx);
  return arg.value;
}

export function literalNumber(call: CallExpr, i: number, ctx: ExprContext, what: string): number {
  const arg = call.args[i];
  if (arg?.kind !== 'number') return fail(`the ${what} must be a number`, call, i, ctx);
  return Number(arg.text);
}

export { fail as failArgument };
