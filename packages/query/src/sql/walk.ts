import { isAggregate } from './functions/index';
import type { Expr } from './sql-ast';

/** The expressions directly inside an expression. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'unary':
      return [e.operand];
    case 'logic':
      return e.items;
    case 'binary':
      return [e.left, e.right];
    case 'like':
      return e.escape ? [e.value, e.pattern, e.escape] : [e.value, e.pattern];
    case 'in':
      return [e.value, ...e.list];
    case 'between':
      return [e.value, e.low, e.high];
    case 'isnull':
    case 'cast':
      return [e.value];
    case 'case':
      return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.otherwise ? [e.otherwise] : [])];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

export function hasAggregate(e: Expr | null): boolean {
  if (!e) return false;
  if (e.kind === 'call' && isAggregate(e.name)) return true;
  return children(e).some(hasAggregate);
}
