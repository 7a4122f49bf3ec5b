import { QueryError } from '../errors';

export type Token =
  | { kind: 'word'; text: string; upper: string; offset: number; end: number }
  | { kind: 'ident'; text: string; offset: number; end: number }
  | { kind: 'string'; text: string; offset: number; end: number }
  | { kind: 'number'; text: string; offset: number; end: number }
  | { kind: 'op'; text: string; offset: number; end: number }
  | { kind: 'end'; text: ''; offset: number; end: number };

// Longest first, so `<=` is not read as `<` then `=`.
const OPERATORS = ['<>', '!=', '<=', '>=', '||', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';', '[', ']'];
// Sticky patterns read at a position without copying the rest of the text.
const SPACE = /\s+/y;
const NUMBER = /(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/y;
// Unquoted names may use any letter, as the seeds' Chinese aliases do when quoted.
const WORD = /[\p{L}_][\p{L}\p{N}_]*/uy;

function match(re: RegExp, source: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(source)?.[0] ?? null;
}

/** Splits the SQL part into tokens; `start`/`end` bound it within the whole query `source`. */
export function tokenize(source: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  const text = source.slice(0, end);
  let i = start;
  while (i < end) {
    const space = match(SPACE, text, i);
    if (space) {
      i += space.length;
      continue;
    }
    // A comment could hide part of a query from whoever reviews it; the dialect needs none.
    if (text.startsWith('--', i) || text.startsWith('/*', i)) throw new QueryError('comments are not allowed in queries', source, i);
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const token = quoted(text, source, i, c);
      tokens.push(token);
      i = token.end;
      continue;
    }
    const number = match(NUMBER, text, i);
    if (number) {
      tokens.push({ kind: 'number', text: number, offset: i, end: i + number.length });
      i += number.length;
      continue;
    }
    const word = match(WORD, text, i);
    if (word) {
      tokens.push({ kind: 'word', text: word, upper: word.toUpperCase(), offset: i, end: i + word.length });
      i += word.length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op === undefined) throw new QueryError(`unexpected \`${String.fromCodePoint(text.codePointAt(i)!)}\``, source, i);
    tokens.push({ kind: 'op', text: op, offset: i, end: i + op.length });
    i += op.length;
  }
  tokens.push({ kind: 'end', text: '', offset: end, end });
  return tokens;
}

/** `'text'` is a string and `"text"` a name; a doubled quote stands for itself. */
function quoted(text: string, source: string, at: number, quote: string): Token {
  let value = '';
  let i = at + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) throw new QueryError(quote === "'" ? 'unterminated string' : 'unterminated quoted name', source, at);
    value += text.slice(i, close);
    if (text[close + 1] === quote) {
      value += quote;
      i = close + 2;
      continue;
    }
    i = close + 1;
    break;
  }
  if (quote === '"' && value === '') throw new QueryError('a quoted name cannot be empty', source, at);
  return quote === "'" ? { kind: 'string', text: value, offset: at, end: i } : { kind: 'ident', text: value, offset: at, end: i };
}
