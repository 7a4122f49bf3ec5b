import { QueryError } from '../../errors';
import { typed, type Typed } from '../../typed';
import { compileExpr, type ExprContext } from '../compile-expr';
import type { CallExpr, Expr } from '../sql-ast';
import { AGGREGATES } from './aggregates';
import type { Fn } from './fn';
import { JSON_FUNCTIONS } from './json';
import { MISC_FUNCTIONS } from './misc';
import { TEXT_FUNCTIONS } from './text';
import { TIME_FUNCTIONS } from './time';

const FUNCTIONS: Record<string, Fn> = { ...AGGREGATES, ...TIME_FUNCTIONS, ...TEXT_FUNCTIONS, ...JSON_FUNCTIONS, ...MISC_FUNCTIONS };

/** Every function name the dialect accepts. */
export const FUNCTION_NAMES: readonly string[] = [...Object.keys(FUNCTIONS), 'try'].sort();

export const isAggregate = (name: string): boolean => Object.hasOwn(FUNCTIONS, name) && FUNCTIONS[name]!.aggregate === true;

function arityText([min, max]: [number, number]): string {
  const n = min === max ? `${min}` : max >= 100 ? `at least ${min}` : `${min} to ${max}`;
  return `${n} argument${n === '1' ? '' : 's'}`;
}

/** A function call of the dialect; unknown functions and wrong argument counts are errors naming them. */
export function compileCall(call: CallExpr, ctx: ExprContext): Typed {
  const fail = (message: string, at = call.offset): never => {
    throw new QueryError(message, ctx.source, at);
  };
  if (call.name === 'try') {
    if (call.args.length !== 1 || call.args[0]!.kind === 'star') fail('try takes 1 argument');
    return compileExpr(call.args[0]!, { ...ctx, safe: true });
  }
  const fn = Object.hasOwn(FUNCTIONS, call.name) ? FUNCTIONS[call.name]! : fail(`unknown function ${call.name}()`);
  const [min, max] = fn.arity;
  if (call.args.length < min || call.args.length > max) fail(`${call.name} takes ${arityText(fn.arity)}, not ${call.args.length}`);
  if (call.distinct && call.name !== 'count') fail('DISTINCT is only supported in count()');
  const star = call.args.find((a) => a.kind === 'star');
  if (star && (call.name !== 'count' || call.distinct)) fail('`*` is only allowed in count(*)', star.offset);
  if (fn.aggregate && ctx.aggregates !== 'allowed') fail(`${call.name}() is not allowed ${ctx.aggregates.reason}`);
  const argCtx: ExprContext = fn.aggregate ? { ...ctx, aggregates: { reason: 'inside another aggregate' } } : ctx;
  const args = call.args.map((a: Expr, i) =>
    a.kind === 'star' || fn.literalArgs?.includes(i) ? typed('NULL', 'null') : compileExpr(a, argCtx),
  );
  return fn.build(args, call, ctx);
}
