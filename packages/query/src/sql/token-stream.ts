import { QueryError } from '../errors';
import { MAX_DEPTH } from '../limits';
import type { Token } from './lexer';

export type WordToken = Extract<Token, { kind: 'word' }>;

/** A cursor over the SQL part's tokens, with the checks every parser step needs. */
export class TokenStream {
  private i = 0;

  constructor(
    readonly source: string,
    private readonly tokens: Token[],
  ) {}

  get t(): Token {
    return this.tokens[this.i]!;
  }

  peek(ahead = 1): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.t;
    if (t.kind !== 'end') this.i++;
    return t;
  }

  fail(message: string, at: number = this.t.offset): never {
    throw new QueryError(message, this.source, at);
  }

  checkDepth(depth: number, at: number = this.t.offset): void {
    if (depth > MAX_DEPTH) this.fail('the query nests too deeply', at);
  }

  describe(token: Token = this.t): string {
    return token.kind === 'end' ? 'end of the query' : `\`${this.source.slice(token.offset, token.end)}\``;
  }

  unexpected(expected?: string): never {
    return this.fail(`unexpected ${this.describe()}${expected ? `, expected ${expected}` : ''}`);
  }

  isWord(...words: string[]): this is { t: WordToken } {
    return this.t.kind === 'word' && words.includes(this.t.upper);
  }

  isOp(...ops: string[]): boolean {
    return this.t.kind === 'op' && ops.includes(this.t.text);
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }

  expectWord(word: string): void {
    if (!this.acceptWord(word)) this.unexpected(word);
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }

  expectOp(op: string): void {
    if (!this.acceptOp(op)) this.unexpected(`\`${op}\``);
  }

  /** A whole number written in the query (LIMIT, OFFSET). */
  integer(): number {
    const t = this.t;
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) this.unexpected('a whole number');
    this.i++;
    const n = Number(t.text);
    if (!Number.isSafeInteger(n)) this.fail('the number is too large', t.offset);
    return n;
  }
}
