/**
 * Seeded randomness for the generator. Math.random is never used so that a
 * seed reproduces a cluster's traffic byte for byte.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: tiny, fast and good enough for synthetic traffic. */
  float(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.float() * total;
    for (const [value, weight] of entries) {
      r -= weight;
      if (r < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('cannot pick from an empty list');
    return last[0];
  }

  /** Log-normal-ish duration: most values near `typical`, a long tail up to `max`. */
  latency(typical: number, max: number): number {
    const u = Math.max(this.float(), 1e-9);
    return Math.min(max, typical * Math.exp(0.8 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float())));
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[this.int(0, 15)];
    return out;
  }

  /** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
  suffix(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += this.pick(NAME_ALPHABET);
    return out;
  }

  uuid(): string {
    const variant = HEX[8 + this.int(0, 3)] ?? '8';
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }

  /** An independent stream, so adding draws to one part does not shift another. */
  fork(label: string): Rng {
    return new Rng(hashString(label) ^ this.int(0, 0xffffffff));
  }
}

const HEX = '0123456789abcdef';
const NAME_ALPHABET = [...'bcdfghjklmnpqrstvwxz2456789'];

/** FNV-1a: folds a label (cluster name) into a seed. */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
