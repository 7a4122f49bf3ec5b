import type { PushBatchResult } from '@kubetrail/contracts';
import type { Logger } from '../log';
import { SpoolCorruptError, type Spool, type SpoolRecord } from '../spool/spool';
import type { RejectStore } from '../state/reject-store';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from '../transport/backoff';
import type { CallOutcome } from '../transport/ingest-client';
import { sleep } from '../util/sleep';
import type { SenderState, SenderStateStore } from './sender-state';

export interface PushClient {
  pushBatch(body: string, signal?: AbortSignal): Promise<CallOutcome<PushBatchResult>>;
}

export interface SenderOptions {
  spool: Spool;
  stateStore: SenderStateStore;
  state: SenderState;
  client: PushClient;
  streamId: string;
  rejects: RejectStore;
  log: Logger;
  /** current batch limits; a record larger than them (a webhook request, an older limit) is sent in slices */
  limits: () => { maxEvents: number; maxBytes: number };
  onAuditDisabled?: () => void;
  /** called after every acknowledged batch */
  onAcked?: () => void;
  backoff?: BackoffOptions;
}

/**
 * Sends spool records strictly in order, one batch in flight. A batch gets
 * its seq just before its first send and keeps it (and its events) until the
 * platform answers, so a resend after a crash is recognised as a duplicate.
 */
export class Sender {
  #state: SenderState;
  #cached: SpoolRecord | null = null;
  // A batch found in flight at start may have reached the platform before the crash.
  #maybeDelivered: boolean;
  #abort = new AbortController();
  #draining = false;
  #loop: Promise<void> | null = null;

  constructor(private readonly opts: SenderOptions) {
    this.#state = opts.state;
    this.#maybeDelivered = opts.state.inFlight !== null;
  }

  get lastAckedSeq(): number | null {
    return this.#state.lastAckedSeq;
  }

  get pendingBatches(): number {
    return this.opts.spool.count;
  }

  /** stageTimestamp of the oldest event not yet acknowledged among spooled records (approximate: per record). */
  oldestPendingTimestamp(): string | null {
    const head = this.opts.spool.head();
    return head !== undefined && this.#cached?.header.id === head ? this.#cached.header.oldestStageTimestamp : null;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Keeps sending until the spool is empty or `drainMs` passed, then abandons the batch on the wire (it stays spooled). */
  async stop(drainMs: number): Promise<void> {
    this.#draining = true;
    const timer = setTimeout(() => this.#abort.abort(), drainMs);
    this.opts.spool.changed.notify();
    await this.#loop;
    clearTimeout(timer);
  }

  async #run(): Promise<void> {
    const { spool, log } = this.opts;
    const signal = this.#abort.signal;
    const backoff = new Backoff(this.opts.backoff ?? DEFAULT_BACKOFF);
    while (!signal.aborted) {
      const id = spool.head();
      if (id === undefined) {
        if (this.#draining) return;
        await spool.changed.wait(1000, signal);
        continue;
      }
      try {
        const delay = await this.#sendOne(id, backoff);
        if (delay === undefined) continue;
        if (this.#draining && signal.aborted) return;
        await sleep(delay, signal);
      } catch (err) {
        if (err instanceof SpoolCorruptError) {
          const moved = await spool.quarantine(id, this.opts.rejects.dir);
          log.error('damaged spool record set aside', { spoolId: id, file: moved, error: err });
          await this.#save({ ...this.#state, lastSeq: seqAfterAbandoning(this.#state), doneThrough: id, skip: 0, inFlight: null });
          continue;
        }
        const wait = backoff.next();
        log.error('sender step failed; will retry', { spoolId: id, error: err, retryInMs: wait });
        await sleep(wait, signal);
      }
    }
  }

  /** One push of the head batch; returns how long to wait before the next try, or undefined to go on at once. */
  async #sendOne(id: number, backoff: Backoff): Promise<number | undefined> {
    const { log } = this.opts;
    const record = await this.#load(id);
    const state = this.#state;
    const remaining = record.events.length - state.skip;
    if (remaining <= 0) {
      await this.#advance(record, 0, {});
      return undefined;
    }
    let batch = state.inFlight;
    if (!batch || batch.spoolId !== id) {
      const take = sliceSize(record.events, state.skip, this.opts.limits());
      batch = { spoolId: id, seq: (seqAfterAbandoning(state) ?? -1) + 1, take };
      await this.#save({ ...state, inFlight: batch });
      this.#maybeDelivered = false;
    }
    const events = record.events.slice(state.skip, state.skip + batch.take);
    const body = `{"streamId":${JSON.stringify(this.opts.streamId)},"seq":${batch.seq},"events":[${events.join(',')}]}`;
    const outcome = await this.opts.client.pushBatch(body, this.#abort.signal);
    const fields = { seq: batch.seq, events: events.length, spoolId: id };

    switch (outcome.kind) {
      case 'ok':
        backoff.reset();
        await this.#advance(record, batch.take, { lastSeq: batch.seq, lastAckedSeq: batch.seq });
        log.info('batch acked', { ...fields, duplicate: outcome.data.duplicate, batchId: outcome.data.batchId });
        this.opts.onAcked?.();
        return undefined;
      case 'audit-disabled':
        backoff.reset();
        // The seq is used up only if an earlier try may have been stored; otherwise the next batch reuses it.
        await this.#advance(record, batch.take, this.#maybeDelivered ? { lastSeq: batch.seq } : {});
        log.warn('batch dropped: auditing is disabled for this cluster', { ...fields, dropped: events.length });
        this.opts.onAuditDisabled?.();
        return undefined;
      case 'refused':
        if (batch.take > 1) {
          const take = Math.ceil(batch.take / 2);
          await this.#save({ ...state, inFlight: { ...batch, take } });
          log.warn('batch refused by the platform; splitting it', {
            ...fields,
            status: outcome.status,
            appCode: outcome.appCode,
            message: outcome.message,
            nextEvents: take,
          });
          return undefined;
        }
        await this.opts.rejects.write({
          reason: 'refused-by-platform',
          message: outcome.message,
          raw: events[0],
          details: { status: outcome.status, appCode: outcome.appCode, seq: batch.seq },
        });
        await this.#advance(record, 1, {});
        return undefined;
      case 'retry': {
        if (outcome.maybeDelivered) this.#maybeDelivered = true;
        if (this.#abort.signal.aborted) return 0;
        const delay = backoff.next(outcome.retryAfterMs);
        const detail = {
          ...fields,
          status: outcome.status ?? null,
          appCode: outcome.appCode,
          message: outcome.message,
          retryInMs: delay,
          attempt: backoff.attempt,
        };
        if (outcome.status === 401) log.error('push refused: token not accepted (401); batch kept, retrying', detail);
        else if (outcome.status === 403) log.error('push forbidden (403); batch kept, retrying', detail);
        else if (outcome.status === 429)
          log.warn('push rate-limited: the cluster is over its ingest quota (429); batch kept, retrying', detail);
        else log.warn('push failed; batch kept, retrying', detail);
        return delay;
      }
    }
  }

  async #load(id: number): Promise<SpoolRecord> {
    if (this.#cached?.header.id !== id) this.#cached = await this.opts.spool.read(id);
    return this.#cached;
  }

  async #advance(record: SpoolRecord, handled: number, seqs: Partial<Pick<SenderState, 'lastSeq' | 'lastAckedSeq'>>): Promise<void> {
    const skip = this.#state.skip + handled;
    const done = skip >= record.events.length;
    const id = record.header.id;
    await this.#save({
      ...this.#state,
      ...seqs,
      inFlight: null,
      skip: done ? 0 : skip,
      doneThrough: done ? id : this.#state.doneThrough,
    });
    if (done) {
      await this.opts.spool.remove(id);
      this.#cached = null;
    }
  }

  async #save(next: SenderState): Promise<void> {
    await this.opts.stateStore.save(next);
    this.#state = next;
  }
}

/** How many events from `skip` fit the limits (always at least one: an oversized single event is the platform's call). */
function sliceSize(events: string[], skip: number, limits: { maxEvents: number; maxBytes: number }): number {
  let bytes = 0;
  let n = 0;
  for (let i = skip; i < events.length && n < limits.maxEvents; i++, n++) {
    bytes += Buffer.byteLength(events[i]!) + (n ? 1 : 0);
    if (n > 0 && bytes > limits.maxBytes) break;
  }
  return Math.max(1, n);
}

/**
 * A batch in flight whose record is gone (set aside as damaged, or removed by
 * hand) may have been stored: its seq must not be given to other events.
 */
function seqAfterAbandoning(state: SenderState): number | null {
  if (!state.inFlight) return state.lastSeq;
  return Math.max(state.lastSeq ?? -1, state.inFlight.seq);
}
