import { findUnstorableValue, formatFieldPath } from '@kubetrail/contracts/core';
import type { AuditEvent } from '@kubetrail/contracts';

export type EventFilter = (event: AuditEvent) => AuditEvent | null;

/** A cluster without a policy keeps every event unchanged. */
export const keepEverything: EventFilter = (event) => event;

export interface BatchLimits {
  maxEvents: number;
  /** sum of the events' JSON bytes (plus separators): the uncompressed size of the batch */
  maxBytes: number;
  maxWaitMs: number;
  maxEventBytes: number;
}

export type Prepared =
  | { kind: 'ok'; json: string; bytes: number; stageTimestamp: string }
  | { kind: 'filtered' }
  /** the platform would refuse it (and with it the whole batch): it goes to the rejected folder */
  | { kind: 'reject'; reason: 'event-too-large' | 'unstorable-value'; message: string; json: string };

export interface Batch {
  events: string[];
  oldestStageTimestamp: string | null;
}

export interface BatcherOptions {
  limits: () => BatchLimits;
  filter?: EventFilter;
  now?: () => number;
}

/** Groups serialized events by count, bytes and age. Holds JSON text, not objects: far less memory per event. */
export class Batcher {
  #events: string[] = [];
  #bytes = 0;
  #oldest: { text: string; ms: number } | null = null;
  #startedAt = 0;
  readonly #filter: EventFilter;
  readonly #now: () => number;

  constructor(private readonly opts: BatcherOptions) {
    this.#filter = opts.filter ?? keepEverything;
    this.#now = opts.now ?? Date.now;
  }

  get count(): number {
    return this.#events.length;
  }

  /**
   * Applies the policy seam and the per-event checks; does not add. `raw` is
   * the event's JSON exactly as read: when the filter keeps the event as it
   * is, that text is sent instead of a re-serialization.
   */
  prepare(event: AuditEvent, raw?: string): Prepared {
    const kept = this.#filter(event);
    if (!kept) return { kind: 'filtered' };
    const json = kept === event && raw !== undefined ? raw : JSON.stringify(kept);
    const bytes = Buffer.byteLength(json);
    const { maxEventBytes } = this.opts.limits();
    if (bytes > maxEventBytes) {
      return { kind: 'reject', reason: 'event-too-large', message: `event is ${bytes} bytes, over the ${maxEventBytes}-byte limit`, json };
    }
    const bad = findUnstorableValue(kept);
    if (bad) return { kind: 'reject', reason: 'unstorable-value', message: `${formatFieldPath(bad.path)} ${bad.reason}`, json };
    return { kind: 'ok', json, bytes, stageTimestamp: kept.stageTimestamp };
  }

  /** Whether the event can join the current batch; when not, take() the batch first. */
  fits(event: { bytes: number }): boolean {
    if (this.#events.length === 0) return true;
    const { maxEvents, maxBytes } = this.opts.limits();
    return this.#events.length < maxEvents && this.#bytes + 1 + event.bytes <= maxBytes;
  }

  push(event: Extract<Prepared, { kind: 'ok' }>): void {
    if (this.#events.length === 0) this.#startedAt = this.#now();
    this.#bytes += event.bytes + (this.#events.length ? 1 : 0);
    this.#events.push(event.json);
    const ms = Date.parse(event.stageTimestamp);
    if (!this.#oldest || ms < this.#oldest.ms) this.#oldest = { text: event.stageTimestamp, ms };
  }

  isFull(): boolean {
    const { maxEvents, maxBytes } = this.opts.limits();
    return this.#events.length >= maxEvents || this.#bytes >= maxBytes;
  }

  isDue(): boolean {
    return this.#events.length > 0 && this.#now() - this.#startedAt >= this.opts.limits().maxWaitMs;
  }

  oldestStageTimestamp(): string | null {
    return this.#oldest?.text ?? null;
  }

  take(): Batch {
    const batch = { events: this.#events, oldestStageTimestamp: this.#oldest?.text ?? null };
    this.#events = [];
    this.#bytes = 0;
    this.#oldest = null;
    return batch;
  }
}
