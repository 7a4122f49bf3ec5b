/**
 * The trigger expressions of alert rules, as the seeds write them:
 * `Event =~ ".*"`, `Source IP address =~ ".*"`, `"n" >= 2 || user == "x"`,
 * `n > previous.n`. A column may be named bare (spaces and any script
 * allowed, up to the next operator) or in double quotes on the left.
 */
export type CompareOp = '==' | '!=' | '>' | '<' | '>=' | '<=' | '=~' | '!~';

export type Operand =
  { kind: 'column'; name: string; previous: boolean } | { kind: 'string'; value: string } | { kind: 'number'; value: number };

export type Trigger =
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand; pattern?: RegExp }
  | { kind: 'and' | 'or'; left: Trigger; right: Trigger }
  | { kind: 'not'; operand: Trigger };

export class TriggerError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = 'TriggerError';
  }
}

type Token =
  | { kind: 'op'; op: CompareOp; at: number }
  | { kind: 'and' | 'or' | 'not' | '(' | ')'; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'word'; value: string; at: number }
  | { kind: 'end'; at: number };

const COMPARE_OPS: CompareOp[] = ['==', '!=', '>=', '<=', '=~', '!~', '>', '<'];
// Characters that end a bare word: operators, parentheses and quotes.
const WORD_END = new Set(['=', '!', '<', '>', '&', '|', '(', ')', '"']);
const MAX_LENGTH = 4096;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      tokens.push({ kind: two === '&&' ? 'and' : 'or', at: i });
      i += 2;
      continue;
    }
    const op = COMPARE_OPS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', op, at: i });
      i += op.length;
      continue;
    }
    if (c === '!') {
      tokens.push({ kind: 'not', at: i++ });
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c, at: i++ });
      continue;
    }
    if (c === '"') {
      const start = i++;
      let value = '';
      for (;;) {
        if (i >= source.length) throw errorAt(source, start, 'a string is not closed with "');
        const ch = source[i]!;
        if (ch === '\\' && i + 1 < source.length) {
          const next = source[i + 1]!;
          // Regex escapes such as \d stay as written; only \" and \\ are the string's own.
          value += next === '"' || next === '\\' ? next : `\\${next}`;
          i += 2;
        } else if (ch === '"') {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ kind: 'string', value, at: start });
      continue;
    }
    if (c === '&' || c === '|' || c === '=') throw errorAt(source, i, `unexpected "${c}" (use &&, || or ==)`);
    const start = i;
    while (i < source.length && !WORD_END.has(source[i]!)) i++;
    tokens.push({ kind: 'word', value: source.slice(start, i).trim(), at: start });
  }
  tokens.push({ kind: 'end', at: source.length });
  return tokens;
}

function errorAt(source: string, offset: number, message: string): TriggerError {
  const before = source.slice(0, offset).split('\n');
  return new TriggerError(message, before.length, before.at(-1)!.length + 1);
}

const PREVIOUS = 'previous.';
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Parses a trigger expression; throws TriggerError with the line and column at fault. */
export function parseTrigger(source: string): Trigger {
  if (source.length > MAX_LENGTH) throw new TriggerError(`the condition is longer than ${MAX_LENGTH} characters`, 1, 1);
  if (source.trim() === '') throw new TriggerError('the condition is empty (write Event =~ ".*" to match any row)', 1, 1);
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const fail = (token: Token, message: string): never => {
    throw errorAt(source, token.at, message);
  };
  const describe = (t: Token) =>
    t.kind === 'end'
      ? 'the end'
      : t.kind === 'op'
        ? `"${t.op}"`
        : t.kind === 'string' || t.kind === 'word'
          ? `"${t.value}"`
          : `"${t.kind}"`;

  const orExpr = (): Trigger => {
    let left = andExpr();
    while (peek().kind === 'or') {
      pos++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  const andExpr = (): Trigger => {
    let left = unary();
    while (peek().kind === 'and') {
      pos++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const unary = (): Trigger => {
    const t = peek();
    if (t.kind === 'not') {
      pos++;
      return { kind: 'not', operand: unary() };
    }
    if (t.kind === '(') {
      pos++;
      const inner = orExpr();
      if (peek().kind !== ')') fail(peek(), `expected ")" but found ${describe(peek())}`);
      pos++;
      return inner;
    }
    return comparison();
  };
  const comparison = (): Trigger => {
    const leftToken = peek();
    if (leftToken.kind !== 'word' && leftToken.kind !== 'string')
      return fail(leftToken, `expected a column name but found ${describe(leftToken)}`);
    pos++;
    const left = column(leftToken.value);
    const opToken = peek();
    if (opToken.kind !== 'op')
      return fail(opToken, `expected an operator (==, !=, >, <, >=, <=, =~, !~) after "${leftToken.value}" but found ${describe(opToken)}`);
    pos++;
    const rightToken = peek();
    if (rightToken.kind !== 'word' && rightToken.kind !== 'string')
      return fail(rightToken, `expected a value after "${opToken.op}" but found ${describe(rightToken)}`);
    pos++;
    const right: Operand =
      rightToken.kind === 'string'
        ? { kind: 'string', value: rightToken.value }
        : NUMBER.test(rightToken.value)
          ? { kind: 'number', value: Number(rightToken.value) }
          : column(rightToken.value);
    if (opToken.op !== '=~' && opToken.op !== '!~') return { kind: 'compare', op: opToken.op, left, right };
    if (right.kind !== 'string') return fail(rightToken, `the pattern after "${opToken.op}" must be a quoted regular expression`);
    try {
      return { kind: 'compare', op: opToken.op, left, right, pattern: new RegExp(`^(?:${right.value})$`, 'su') };
    } catch (e) {
      return fail(rightToken, `not a valid regular expression: ${(e as Error).message}`);
    }
  };
  const column = (name: string): Operand =>
    name.startsWith(PREVIOUS)
      ? { kind: 'column', name: name.slice(PREVIOUS.length), previous: true }
      : { kind: 'column', name, previous: false };

  const tree = orExpr();
  if (peek().kind !== 'end') fail(peek(), `unexpected ${describe(peek())} (join conditions with && or ||)`);
  return tree;
}

function operands(t: Trigger): Operand[] {
  if (t.kind === 'compare') return [t.left, t.right];
  if (t.kind === 'not') return operands(t.operand);
  return [...operands(t.left), ...operands(t.right)];
}

/** Whether the condition compares with the previous window (`previous.column`). */
export const usesPrevious = (t: Trigger): boolean => operands(t).some((o) => o.kind === 'column' && o.previous);

/** The result columns the condition reads, in order of appearance. */
export const columnsReferenced = (t: Trigger): string[] => [...new Set(operands(t).flatMap((o) => (o.kind === 'column' ? [o.name] : [])))];
