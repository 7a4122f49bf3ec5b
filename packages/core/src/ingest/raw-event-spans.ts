/**
 * Finds the raw JSON text of each element of the array under a top-level key
 * (`events` of an agent batch, `items` of an EventList) in a body that
 * JSON.parse has already accepted. Storing that text, rather than
 * re-serializing the parsed object, keeps each event exactly as received
 * and spares the ingest its costliest step.
 *
 * Numbers PostgreSQL's numeric cannot hold (huge exponents, thousands of
 * digits) are reported, so such a batch is refused instead of failing later
 * in the worker after it was acknowledged.
 */
export interface RawSpans {
  spans: string[];
  /** index of the first element holding a number jsonb cannot store, or -1 */
  unstorableNumberAt: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const COMMA = 44;
const COLON = 58;

/** numeric keeps 131072 digits before the point and 16383 after; these bounds stay far inside. */
const MAX_NUMBER_LENGTH = 1_000;
const MAX_ABS_EXPONENT = 10_000;

/** End (exclusive) of the string starting at `i` (a quote). */
function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) throw new Error('unterminated string');
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    i++;
  }
  return i;
}

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69;
}

function numberStorable(token: string): boolean {
  if (token.length > MAX_NUMBER_LENGTH) return false;
  const e = token.search(/[eE]/);
  return e < 0 || Math.abs(Number(token.slice(e + 1))) <= MAX_ABS_EXPONENT;
}

/** End (exclusive) of the value starting at `i`; `onNumber` sees every number token inside. */
function skipValue(text: string, i: number, onNumber: (token: string) => void): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c !== OPEN_OBJ && c !== OPEN_ARR) {
    let j = i;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === COMMA || d === CLOSE_ARR || d === CLOSE_OBJ || d === 32 || d === 10 || d === 13 || d === 9) break;
      j++;
    }
    if (isNumberChar(c)) onNumber(text.slice(i, j));
    return j;
  }
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === QUOTE) {
      j = skipString(text, j);
      continue;
    }
    if (d === OPEN_OBJ || d === OPEN_ARR) depth++;
    else if (d === CLOSE_OBJ || d === CLOSE_ARR) {
      depth--;
      if (depth === 0) return j + 1;
    } else if (isNumberChar(d)) {
      let k = j + 1;
      while (k < text.length && isNumberChar(text.charCodeAt(k))) k++;
      onNumber(text.slice(j, k));
      j = k;
      continue;
    }
    j++;
  }
  throw new Error('unterminated value');
}

/** Returns null when the body is not an object with an array under `key`. */
export function findRawElements(text: string, key: string): RawSpans | null {
  let i = skipWhitespace(text, 0);
  if (text.charCodeAt(i) !== OPEN_OBJ) return null;
  i++;
  let found: RawSpans | null = null;
  for (;;) {
    i = skipWhitespace(text, i);
    if (text.charCodeAt(i) === CLOSE_OBJ) return found;
    const keyEnd = skipString(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWhitespace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) return null;
    i = skipWhitespace(text, i + 1);
    if (name === key && text.charCodeAt(i) === OPEN_ARR) {
      // A duplicate key: JSON.parse keeps the last one, and so do we.
      found = { spans: [], unstorableNumberAt: -1 };
      const result = found;
      i = skipWhitespace(text, i + 1);
      while (text.charCodeAt(i) !== CLOSE_ARR) {
        const index = result.spans.length;
        const end = skipValue(text, i, (token) => {
          if (result.unstorableNumberAt < 0 && !numberStorable(token)) result.unstorableNumberAt = index;
        });
        result.spans.push(text.slice(i, end));
        i = skipWhitespace(text, end);
        if (text.charCodeAt(i) === COMMA) i = skipWhitespace(text, i + 1);
      }
      i++;
    } else {
      if (name === key) found = null;
      i = skipValue(text, i, () => {});
    }
    i = skipWhitespace(text, i);
    if (text.charCodeAt(i) === COMMA) i++;
  }
}
