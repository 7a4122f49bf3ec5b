import { MAX_EVENT_DEPTH } from './limits';

export interface UnstorableValue {
  path: PropertyKey[];
  reason: string;
}

export interface StorableOptions {
  /**
   * The event's original text is what gets stored, so numbers keep every
   * digit whatever JSON.parse made of them. When false, the event will be
   * re-serialized from the parsed value, and numbers a double cannot hold
   * exactly are refused rather than stored altered.
   */
  numbersFromText?: boolean;
}

/**
 * Finds the first value that PostgreSQL's jsonb (or, for re-serialized
 * events, a JavaScript double) would silently alter: NUL characters, unpaired
 * surrogates, nesting deeper than MAX_EVENT_DEPTH, and without
 * `numbersFromText`, integers beyond 2^53 and non-finite numbers.
 * Runs on every ingested event, so the path is one shared stack, copied only
 * when something is found.
 */
export function findUnstorableValue(
  value: unknown,
  basePath: PropertyKey[] = [],
  options: StorableOptions = {},
): UnstorableValue | undefined {
  const stack: PropertyKey[] = [...basePath];
  const reason = walk(value, stack, 0, options.numbersFromText === true);
  return reason ? { path: stack, reason } : undefined;
}

function badString(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character, which cannot be stored';
  if (!s.isWellFormed()) return 'contains an unpaired UTF-16 surrogate, which cannot be stored';
  return undefined;
}

function walk(value: unknown, stack: PropertyKey[], depth: number, numbersFromText: boolean): string | undefined {
  if (typeof value === 'string') return badString(value);
  if (typeof value === 'number') {
    if (numbersFromText) return undefined;
    if (!Number.isFinite(value)) return 'is not a finite number';
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return 'is an integer beyond 2^53 that cannot be represented exactly';
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_EVENT_DEPTH) return `nests deeper than ${MAX_EVENT_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      stack.push(i);
      const found = walk(value[i], stack, depth + 1, numbersFromText);
      if (found) return found;
      stack.pop();
    }
    return undefined;
  }
  for (const key in value) {
    stack.push(key);
    const keyReason = badString(key);
    if (keyReason) return `is a key that ${keyReason}`;
    const found = walk((value as Record<string, unknown>)[key], stack, depth + 1, numbersFromText);
    if (found) return found;
    stack.pop();
  }
  return undefined;
}
