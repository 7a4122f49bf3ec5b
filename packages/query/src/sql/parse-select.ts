import { tokenize } from './lexer';
import { parseExpr, RESERVED } from './parse-expr';
import type { Expr, OrderItem, Select, SelectItem, Source } from './sql-ast';
import { TokenStream } from './token-stream';

const JOINS = ['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'LATERAL'];

/**
 * Parses the analytics part (after `|`): one SELECT whose FROM is `log` or
 * a parenthesized SELECT of the same kind. A missing FROM means `log`, as
 * SLS allows. One trailing `;` is tolerated; anything after it is an error.
 */
export function parseSql(source: string, start: number, end: number): Select {
  const s = new TokenStream(source, tokenize(source, start, end));
  const select = parseSelect(s, 0);
  if (s.isOp(';')) {
    const semicolon = s.next();
    if (s.t.kind !== 'end') s.fail('only one statement is allowed', semicolon.offset);
  }
  if (s.isWord('UNION', 'INTERSECT', 'EXCEPT')) s.fail(`${s.t.text.toUpperCase()} is not supported: a query reads \`log\` only`);
  if (s.t.kind !== 'end') s.unexpected();
  return select;
}

function parseSelect(s: TokenStream, depth: number): Select {
  s.checkDepth(depth);
  if (s.isWord('WITH')) s.fail('WITH is not supported: use a subquery in FROM');
  s.expectWord('SELECT');
  const distinct = s.acceptWord('DISTINCT');
  if (!distinct) s.acceptWord('ALL');
  const items: SelectItem[] = [];
  do items.push(selectItem(s, depth));
  while (s.acceptOp(','));
  const from = s.acceptWord('FROM') ? source(s, depth) : ({ kind: 'log', offset: s.t.offset } as const);
  if (s.isWord(...JOINS) || s.isOp(',')) s.fail('joins are not supported: a query reads `log` only');
  const where = s.acceptWord('WHERE') ? parseExpr(s, depth + 1) : null;
  const groupBy: Expr[] = [];
  if (s.acceptWord('GROUP')) {
    s.expectWord('BY');
    do groupBy.push(parseExpr(s, depth + 1));
    while (s.acceptOp(','));
  }
  const having = s.acceptWord('HAVING') ? parseExpr(s, depth + 1) : null;
  const orderBy: OrderItem[] = [];
  if (s.acceptWord('ORDER')) {
    s.expectWord('BY');
    do orderBy.push(orderItem(s, depth));
    while (s.acceptOp(','));
  }
  let limit: number | null = null;
  let offset: number | null = null;
  if (s.acceptWord('LIMIT')) {
    const first = s.integer();
    // SLS, like MySQL, also writes `LIMIT offset, count`.
    if (s.acceptOp(',')) [offset, limit] = [first, s.integer()];
    else limit = first;
  }
  if (s.acceptWord('OFFSET')) offset = s.integer();
  return { distinct, items, from, where, groupBy, having, orderBy, limit, offset };
}

function selectItem(s: TokenStream, depth: number): SelectItem {
  const offset = s.t.offset;
  if (s.isOp('*')) {
    s.next();
    return { expr: { kind: 'star', offset }, alias: null, offset };
  }
  const expr = parseExpr(s, depth + 1);
  return { expr, alias: alias(s), offset };
}

function alias(s: TokenStream): string | null {
  const t = s.t;
  if (s.acceptWord('AS')) {
    const name = s.t;
    if (name.kind === 'ident' || name.kind === 'word' || name.kind === 'string') return (s.next(), name.text);
    return s.unexpected('a name after AS');
  }
  if (t.kind === 'ident' || (t.kind === 'word' && !RESERVED.has(t.upper))) return (s.next(), t.text);
  return null;
}

function source(s: TokenStream, depth: number): Source {
  const t = s.t;
  if (s.acceptOp('(')) {
    if (!s.isWord('SELECT')) s.unexpected('SELECT');
    const select = parseSelect(s, depth + 1);
    s.expectOp(')');
    // Names over a subquery are its output columns, unqualified; an alias changes nothing.
    alias(s);
    return { kind: 'subquery', select, offset: t.offset };
  }
  const isLog = (t.kind === 'word' && t.upper === 'LOG') || (t.kind === 'ident' && t.text === 'log');
  if (isLog && !(s.peek().kind === 'op' && s.peek().text === '.')) {
    s.next();
    alias(s);
    return { kind: 'log', offset: t.offset };
  }
  if (t.kind === 'end') return s.unexpected('`log`');
  return s.fail(`a query reads \`log\` only, not ${describeSource(s)}`, t.offset);
}

/** The whole name the query tried to read, `schema.table` included, for the error. */
function describeSource(s: TokenStream): string {
  const first = s.t;
  let end = first.end;
  for (let i = 1; s.peek(i).kind === 'op' && s.peek(i).text === '.'; i += 2) end = s.peek(i + 1).end;
  return `\`${s.source.slice(first.offset, end)}\``;
}

function orderItem(s: TokenStream, depth: number): OrderItem {
  const expr = parseExpr(s, depth + 1);
  const descending = s.acceptWord('DESC') || (s.acceptWord('ASC') && false);
  let nulls: OrderItem['nulls'] = null;
  if (s.acceptWord('NULLS')) {
    if (s.acceptWord('FIRST')) nulls = 'FIRST';
    else if (s.acceptWord('LAST')) nulls = 'LAST';
    else s.unexpected('FIRST or LAST');
  }
  return { expr, descending, nulls };
}
