import { QueryError } from '../errors';
import { isFieldName } from '../fields';
import { MAX_DEPTH } from '../limits';
import type { CompareOp, SearchNode } from './search-ast';

const SPACE = /\s/;
// A bare word (a field name, a keyword or a full-text term) ends at these.
const WORD_END = /[\s()":<>=]/;
// A value after `:` runs to the next space or parenthesis.
const VALUE_END = /[\s()]/;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The search part of a query (before `|`), as SLS reads it: `field: value`,
 * `and` / `or` / `not` in any case (terms side by side mean `and`; `not`
 * binds tightest, then `and`, then `or`), parentheses, wildcards, full-text
 * terms, numeric comparisons and `field in [low high]` ranges. `source` is
 * the whole query, so error positions count from its start.
 */
export function parseSearch(source: string, start: number, end: number): SearchNode {
  const parser = new SearchParser(source, start, end);
  const node = parser.or(0);
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail(`unexpected \`${source[parser.pos]}\``);
  return node;
}

class SearchParser {
  pos: number;

  constructor(
    private readonly source: string,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  fail(message: string, at = this.pos): never {
    throw new QueryError(message, this.source, at);
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  private get char(): string | undefined {
    return this.atEnd() ? undefined : this.source[this.pos];
  }

  skipSpace(): void {
    while (!this.atEnd() && SPACE.test(this.source[this.pos]!)) this.pos++;
  }

  private wordEnd(from: number): number {
    let i = from;
    while (i < this.end && !WORD_END.test(this.source[i]!)) i++;
    return i;
  }

  /** Consumes `word` (any case) when it is the next whole word. */
  private keyword(word: string): boolean {
    this.skipSpace();
    const end = this.wordEnd(this.pos);
    if (this.source.slice(this.pos, end).toLowerCase() !== word) return false;
    this.pos = end;
    return true;
  }

  private nextIsKeyword(word: string): boolean {
    const at = this.pos;
    const found = this.keyword(word);
    this.pos = at;
    return found;
  }

  or(depth: number): SearchNode {
    if (depth > MAX_DEPTH) this.fail('the search nests too deeply');
    const items = [this.and(depth)];
    while (this.keyword('or')) items.push(this.and(depth));
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(depth: number): SearchNode {
    const items = [this.not(depth)];
    for (;;) {
      this.skipSpace();
      if (this.atEnd() || this.char === ')' || this.nextIsKeyword('or')) break;
      this.keyword('and');
      items.push(this.not(depth));
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private not(depth: number): SearchNode {
    let negations = 0;
    while (this.keyword('not')) negations++;
    if (negations > MAX_DEPTH) this.fail('the search nests too deeply');
    const operand = this.primary(depth);
    // `not not x` is `x`; keeping the count bounded keeps the SQL small.
    return negations % 2 === 1 ? { kind: 'not', operand } : operand;
  }

  private primary(depth: number): SearchNode {
    this.skipSpace();
    const c = this.char;
    if (c === undefined) this.fail('the search ends where a term was expected');
    if (c === '(') {
      const open = this.pos++;
      const inner = this.or(depth + 1);
      this.skipSpace();
      if (this.char !== ')') this.fail('missing `)` for this `(`', open);
      this.pos++;
      return inner;
    }
    if (c === ')' || c === ':' || c === '<' || c === '>' || c === '=') this.fail(`unexpected \`${c}\``);
    const at = this.pos;
    const quoted = c === '"';
    const first = quoted ? this.quoted() : this.word();
    this.skipSpace();
    const next = this.char;
    if (next === ':') {
      this.pos++;
      const field = this.field(first, at);
      this.skipSpace();
      if (this.char === '"') return { kind: 'match', field, value: this.quoted(), quoted: true, offset: at };
      const value = this.value();
      return value === '*' ? { kind: 'present', field, offset: at } : { kind: 'match', field, value, quoted: false, offset: at };
    }
    if (next === '<' || next === '>' || next === '=') return this.comparison(this.field(first, at), at);
    if (this.rangeFollows()) return this.range(this.field(first, at), at);
    if (!quoted && first === '*') return { kind: 'all' };
    return { kind: 'text', value: first, quoted, offset: at };
  }

  private field(name: string, at: number): string {
    if (!isFieldName(name)) this.fail(`\`${name}\` is not a field name`, at);
    return name;
  }

  private word(): string {
    const start = this.pos;
    this.pos = this.wordEnd(start);
    return this.source.slice(start, this.pos);
  }

  private quoted(): string {
    const open = this.pos++;
    let out = '';
    while (!this.atEnd()) {
      const ch = this.source[this.pos++]!;
      if (ch === '"') return out;
      out += ch === '\\' && !this.atEnd() ? this.source[this.pos++]! : ch;
    }
    return this.fail('unterminated `"`', open);
  }

  private value(): string {
    const start = this.pos;
    while (!this.atEnd() && !VALUE_END.test(this.source[this.pos]!)) this.pos++;
    if (this.pos === start) this.fail('a value is missing after `:`');
    return this.source.slice(start, this.pos);
  }

  private number(): string {
    this.skipSpace();
    const at = this.pos;
    while (!this.atEnd() && /[-+.\deE]/.test(this.source[this.pos]!)) this.pos++;
    const text = this.source.slice(at, this.pos);
    if (!NUMBER.test(text)) this.fail(text ? `\`${text}\` is not a number` : 'a number is expected', at);
    return text;
  }

  private comparison(field: string, at: number): SearchNode {
    const two = this.source.slice(this.pos, this.pos + 2);
    const op: CompareOp = two === '>=' || two === '<=' ? two : (this.char as '<' | '>' | '=');
    this.pos += op.length;
    return { kind: 'compare', field, op, value: this.number(), offset: at };
  }

  /** `in` followed by `[` or `(`: a range, not a full-text term named "in". */
  private rangeFollows(): boolean {
    const at = this.pos;
    const found = this.keyword('in') && (this.skipSpace(), this.char === '[' || this.char === '(');
    this.pos = at;
    return found;
  }

  private range(field: string, at: number): SearchNode {
    this.keyword('in');
    this.skipSpace();
    const lowIncluded = this.source[this.pos++] === '[';
    const low = this.number();
    const high = this.number();
    this.skipSpace();
    const close = this.char;
    if (close !== ']' && close !== ')') this.fail('a range ends with `]` or `)`');
    this.pos++;
    return { kind: 'range', field, low, high, lowIncluded, highIncluded: close === ']', offset: at };
  }
}
