import type { AllowList } from './allow-list';

export interface DeliveryResult {
  ok: boolean;
  /** the HTTP status, or the SMTP reply code */
  responseCode?: number;
  error?: string;
  /** not sent at all, and never will be as configured: a non-public address, a bad setting */
  refused?: boolean;
  /** set by a channel whose answers say more than their code (SMTP 4xx, a DingTalk errcode, a redirect); see isRetryable */
  retryable?: boolean;
  durationMs: number;
}

export type Outcome = Omit<DeliveryResult, 'durationMs'>;

export interface SendContext {
  allowList: AllowList;
  /** aborted when the attempt's time is up: a channel stops what it still has going */
  signal: AbortSignal;
  timeoutMs: number;
}

/** Thrown by a channel for a delivery it must not attempt; the message says why and what an operator can do. */
export class Refused extends Error {}
