import type { DeliveryResult } from './delivery-result';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5 * 60_000;

/** Whether another attempt may succeed: not for a refusal or a client error, except timeouts (408) and rate limits (429). */
export function isRetryable(result: DeliveryResult): boolean {
  if (result.ok || result.refused) return false;
  if (result.retryable !== undefined) return result.retryable;
  const code = result.responseCode;
  return code === undefined || code < 400 || code >= 500 || code === 408 || code === 429;
}

/**
 * The wait before retry `attempt` (1 for the first): 1 s, 2 s, 4 s… up to
 * 5 min, each up to a quarter shorter at random, so channels that failed
 * together do not all retry at the same moment.
 */
export function retryDelayMs(attempt: number): number {
  const delay = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
  return Math.round(delay * (1 - Math.random() / 4));
}
