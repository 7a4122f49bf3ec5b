import type { CallExpr, Expr } from './sql-ast';
import type { TokenStream } from './token-stream';

/** Words that end an expression or a select item rather than name a column. */
export const RESERVED = new Set([
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'AS', 'AND', 'OR', 'NOT', 'CASE', 'WHEN',
  'THEN', 'ELSE', 'END', 'IN', 'IS', 'NULL', 'LIKE', 'ESCAPE', 'BETWEEN', 'ASC', 'DESC', 'NULLS', 'DISTINCT', 'ALL', 'UNION',
  'INTERSECT', 'EXCEPT', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'ON', 'USING', 'WITH', 'INTO', 'TRUE',
  'FALSE', 'EXISTS', 'LATERAL', 'WINDOW', 'OVER', 'FETCH', 'FOR', 'VALUES',
]); // prettier-ignore

const COMPARISONS = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);

/** Parses one expression of the SQL part; `depth` bounds how deep expressions may nest. */
export function parseExpr(s: TokenStream, depth: number): Expr {
  s.checkDepth(depth);
  return logic(s, depth + 1, 'OR');
}

function logic(s: TokenStream, depth: number, op: 'AND' | 'OR'): Expr {
  const operand = () => (op === 'OR' ? logic(s, depth, 'AND') : not(s, depth));
  const offset = s.t.offset;
  const items = [operand()];
  while (s.acceptWord(op)) items.push(operand());
  return items.length === 1 ? items[0]! : { kind: 'logic', op, items, offset };
}

function not(s: TokenStream, depth: number): Expr {
  const offset = s.t.offset;
  if (s.acceptWord('NOT')) {
    s.checkDepth(depth, offset);
    return { kind: 'unary', op: 'NOT', operand: not(s, depth + 1), offset };
  }
  return predicate(s, depth);
}

function predicate(s: TokenStream, depth: number): Expr {
  const value = concat(s, depth);
  const offset = s.t.offset;
  if (s.t.kind === 'op' && COMPARISONS.has(s.t.text)) {
    const op = s.next().text;
    return { kind: 'binary', op: op === '!=' ? '<>' : op, left: value, right: concat(s, depth), offset };
  }
  if (s.acceptWord('IS')) {
    const negated = s.acceptWord('NOT');
    s.expectWord('NULL');
    return { kind: 'isnull', negated, value, offset };
  }
  const negated = s.acceptWord('NOT');
  if (s.acceptWord('LIKE')) {
    const pattern = concat(s, depth);
    const escape = s.acceptWord('ESCAPE') ? concat(s, depth) : null;
    return { kind: 'like', negated, value, pattern, escape, offset };
  }
  if (s.acceptWord('IN')) {
    s.expectOp('(');
    if (s.isWord('SELECT')) s.fail('IN (SELECT …) is not supported: a query reads `log` only in FROM');
    const list: Expr[] = [];
    do list.push(parseExpr(s, depth + 1));
    while (s.acceptOp(','));
    s.expectOp(')');
    return { kind: 'in', negated, value, list, offset };
  }
  if (s.acceptWord('BETWEEN')) {
    const low = concat(s, depth);
    s.expectWord('AND');
    return { kind: 'between', negated, value, low, high: concat(s, depth), offset };
  }
  if (negated) s.unexpected('LIKE, IN or BETWEEN after NOT');
  return value;
}

const concat = (s: TokenStream, depth: number) => chain(s, depth, ['||'], additive);
const additive = (s: TokenStream, depth: number) => chain(s, depth, ['+', '-'], multiplicative);
const multiplicative = (s: TokenStream, depth: number) => chain(s, depth, ['*', '/', '%'], unary);

/** Left-associative operators; a long chain is a deep tree, so its length counts as depth. */
function chain(s: TokenStream, depth: number, ops: string[], next: (s: TokenStream, depth: number) => Expr): Expr {
  let left = next(s, depth);
  let length = 0;
  while (s.t.kind === 'op' && ops.includes(s.t.text)) {
    const { text: op, offset } = s.next();
    s.checkDepth(depth + ++length, offset);
    left = { kind: 'binary', op, left, right: next(s, depth + length), offset };
  }
  return left;
}

function unary(s: TokenStream, depth: number): Expr {
  const offset = s.t.offset;
  if (s.isOp('-', '+')) {
    s.checkDepth(depth, offset);
    const op = s.next().text;
    const operand = unary(s, depth + 1);
    return op === '-' ? { kind: 'unary', op: '-', operand, offset } : operand;
  }
  return primary(s, depth);
}

function primary(s: TokenStream, depth: number): Expr {
  const t = s.t;
  const offset = t.offset;
  switch (t.kind) {
    case 'number':
      s.next();
      return { kind: 'number', text: t.text, offset };
    case 'string':
      s.next();
      return { kind: 'string', value: t.text, offset };
    case 'ident':
      s.next();
      return { kind: 'name', name: t.text, offset };
    case 'op':
      if (s.acceptOp('(')) {
        if (s.isWord('SELECT')) s.fail('a subquery is only allowed in FROM');
        const inner = parseExpr(s, depth + 1);
        s.expectOp(')');
        return inner;
      }
      return s.unexpected('a value');
    case 'end':
      return s.unexpected('a value');
    case 'word':
      break;
  }
  if (t.upper === 'SELECT') s.fail('a subquery is only allowed in FROM');
  if (t.upper === 'NULL') return (s.next(), { kind: 'null', offset });
  if (t.upper === 'TRUE' || t.upper === 'FALSE') return (s.next(), { kind: 'bool', value: t.upper === 'TRUE', offset });
  if (t.upper === 'CASE') return caseExpr(s, depth);
  if ((t.upper === 'CAST' || t.upper === 'TRY_CAST') && s.peek().kind === 'op' && s.peek().text === '(') return castExpr(s, depth);
  if (RESERVED.has(t.upper)) s.unexpected('a value');
  s.next();
  if (s.isOp('.')) s.fail(`qualified names are not supported: write the field as "${t.text}.…" in double quotes`, offset);
  if (s.acceptOp('(')) return call(s, t.text, offset, depth);
  return { kind: 'name', name: t.text, offset };
}

function call(s: TokenStream, name: string, offset: number, depth: number): CallExpr {
  s.checkDepth(depth, offset);
  const distinct = s.acceptWord('DISTINCT');
  const args: Expr[] = [];
  if (s.isOp('*')) args.push({ kind: 'star', offset: s.next().offset });
  else if (!s.isOp(')'))
    do args.push(parseExpr(s, depth + 1));
    while (s.acceptOp(','));
  s.expectOp(')');
  if (s.isWord('OVER')) s.fail('window functions are not supported');
  return { kind: 'call', name: name.toLowerCase(), args, distinct, offset };
}

function caseExpr(s: TokenStream, depth: number): Expr {
  const offset = s.next().offset;
  s.checkDepth(depth, offset);
  const operand = s.isWord('WHEN') ? null : parseExpr(s, depth + 1);
  const whens: { when: Expr; then: Expr }[] = [];
  while (s.acceptWord('WHEN')) {
    const when = parseExpr(s, depth + 1);
    s.expectWord('THEN');
    whens.push({ when, then: parseExpr(s, depth + 1) });
  }
  if (whens.length === 0) s.unexpected('WHEN');
  const otherwise = s.acceptWord('ELSE') ? parseExpr(s, depth + 1) : null;
  s.expectWord('END');
  return { kind: 'case', operand, whens, otherwise, offset };
}

function castExpr(s: TokenStream, depth: number): Expr {
  const start = s.next();
  s.expectOp('(');
  const value = parseExpr(s, depth + 1);
  s.expectWord('AS');
  const t = s.t;
  if (t.kind !== 'word') return s.unexpected('a type');
  s.next();
  // `varchar(20)`, `decimal(10, 2)`: the size changes nothing the dialect shows.
  if (s.acceptOp('(')) {
    do s.integer();
    while (s.acceptOp(','));
    s.expectOp(')');
  }
  s.expectOp(')');
  return { kind: 'cast', safe: start.kind === 'word' && start.upper === 'TRY_CAST', value, type: t.upper, offset: start.offset };
}
