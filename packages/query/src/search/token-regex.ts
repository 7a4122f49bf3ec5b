// SLS splits text into tokens at its default delimiters and matches whole
// tokens, ignoring case. The same rule as PostgreSQL regular expressions
// (AREs): `]` first in a bracket to be literal, `[` last so it cannot open a
// class, `\s` for the whitespace delimiters.
export const DELIMITER = `[]\\s,'";=(){}?@&<>/:[]`;
const NOT_DELIMITER = `[^]\\s,'";=(){}?@&<>/:[]`;
const IS_DELIMITER = /[\s,'";=(){}?@&<>/:[\]]/;
// In an ARE a backslash before any non-alphanumeric character makes it literal.
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * The value's tokens as regular expressions, in order. In an unquoted value
 * `*` stands for any run of token characters and `?` for one; quoted, they
 * are plain characters (`?`, a delimiter, then separates tokens).
 */
export function valueTokens(value: string, quoted: boolean): string[] {
  const tokens: string[] = [];
  let current = '';
  for (const ch of value) {
    if (!quoted && ch === '*') current += `${NOT_DELIMITER}*`;
    else if (!quoted && ch === '?') current += NOT_DELIMITER;
    else if (IS_DELIMITER.test(ch)) {
      if (current) tokens.push(current);
      current = '';
    } else current += ASCII_PUNCTUATION.test(ch) ? `\\${ch}` : ch;
  }
  if (current) tokens.push(current);
  return tokens;
}

/**
 * A regular expression (for `~*`) that finds the value's tokens, in sequence
 * and as whole tokens, in a text; null when the value has no tokens.
 */
export function tokenRegex(value: string, quoted: boolean): string | null {
  const tokens = valueTokens(value, quoted);
  if (tokens.length === 0) return null;
  return `(^|${DELIMITER})${tokens.join(`${DELIMITER}+`)}($|${DELIMITER})`;
}
