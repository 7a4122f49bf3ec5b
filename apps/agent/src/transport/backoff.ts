export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Retry-After beyond this is not believed (a misconfigured proxy must not park the agent for hours) */
  maxRetryAfterMs: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, maxRetryAfterMs: 300_000 };

/** Exponential backoff with jitter, so a fleet of agents does not retry in lockstep after an outage. */
export class Backoff {
  #attempt = 0;

  constructor(private readonly opts: BackoffOptions = DEFAULT_BACKOFF) {}

  get attempt(): number {
    return this.#attempt;
  }

  reset(): void {
    this.#attempt = 0;
  }

  /** Delay before the next try; a server's Retry-After wins when given. */
  next(retryAfterMs?: number): number {
    const random = this.opts.random ?? Math.random;
    const exp = Math.min(this.opts.maxMs, this.opts.initialMs * 2 ** Math.min(this.#attempt, 30));
    this.#attempt++;
    if (retryAfterMs !== undefined) {
      const base = Math.min(retryAfterMs, this.opts.maxRetryAfterMs);
      return Math.round(base + random() * Math.min(1000, base * 0.1));
    }
    return Math.round(exp / 2 + (random() * exp) / 2);
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
