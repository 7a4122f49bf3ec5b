import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Short random ids with a type prefix (`c-…` clusters, `p-…` projects, `ar-…` alert rules, `sq-…` saved queries): 60 bits, lowercase, safe in identifiers. */
export function newId(prefix: 'c' | 'p' | 'u' | 't' | 'i' | 'a' | 'r' | 'ar' | 'ch' | 'ev' | 'f' | 'd' | 'm' | 'sq'): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}-${out}`;
}
