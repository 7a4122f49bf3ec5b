import { MAX_EVENT_DEPTH } from './limits';

export interface UnstorableValue {
  path: PropertyKey[];
  reason: string;
}

/**
 * Finds the first value that PostgreSQL's jsonb or a JavaScript double would
 * silently alter: NUL characters, unpaired surrogates, integers beyond 2^53
 * (JSON.parse has already rounded them, so they are refused rather than stored
 * wrong), non-finite numbers, and nesting deeper than MAX_EVENT_DEPTH.
 * Runs on every ingested event, so the path is one shared stack, copied only
 * when something is found.
 */
export function findUnstorableValue(value: unknown, basePath: PropertyKey[] = []): UnstorableValue | undefined {
  const stack: PropertyKey[] = [...basePath];
  const reason = walk(value, stack, 0);
  return reason ? { path: stack, reason } : undefined;
}

function badString(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character, which cannot be stored';
  if (!s.isWellFormed()) return 'contains an unpaired UTF-16 surrogate, which cannot be stored';
  return undefined;
}

function walk(value: unknown, stack: PropertyKey[], depth: number): string | undefined {
  if (typeof value === 'string') return badString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'is not a finite number';
    if (Number.isInteger(value) && !Number.isSafeInteger(value))
      return 'is an integer beyond 2^53 that cannot be represented exactly';
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_EVENT_DEPTH) return `nests deeper than ${MAX_EVENT_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      stack.push(i);
      const found = walk(value[i], stack, depth + 1);
      if (found) return found;
      stack.pop();
    }
    return undefined;
  }
  for (const key in value) {
    stack.push(key);
    const keyReason = badString(key);
    if (keyReason) return `is a key that ${keyReason}`;
    const found = walk((value as Record<string, unknown>)[key], stack, depth + 1);
    if (found) return found;
    stack.pop();
  }
  return undefined;
}
