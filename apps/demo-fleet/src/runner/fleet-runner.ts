import type { AuditEvent } from '@kubetrail/contracts';
import type { ClusterSimulator } from '../generator/cluster-simulator';
import { parseMicroTime } from '../generator/micro-time';
import { hashString, Rng } from '../generator/prng';
import { rateFactor } from '../generator/rhythm';
import { EventHeap } from './event-heap';

export interface EventSink {
  write(events: AuditEvent[]): void;
}

export interface FleetRunnerOptions {
  simulator: ClusterSimulator;
  sink: EventSink;
  /** Daily mean of events per second; the hour of day scales it. */
  ratePerSecond: number;
  seed: number;
  /** Simulated time of the first request (in the past for a backfill). */
  startMs: number;
  /**
   * Events are held this long before being written, so requests that a
   * scenario stamps slightly in the past still land in order.
   */
  holdBackMs?: number;
}

/**
 * Drives a simulator along a clock: requests arrive as a Poisson process at
 * the rhythm-adjusted rate, and events reach the sink in stageTimestamp
 * order once their time has come, as an apiserver would write them.
 */
export class FleetRunner {
  private readonly heap = new EventHeap();
  private readonly pacing: Rng;
  private readonly holdBackMs: number;
  private cursorMs: number;
  private written = 0;

  constructor(private readonly options: FleetRunnerOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
    this.pacing = new Rng(hashString(`pacing/${options.seed}`));
    this.holdBackMs = options.holdBackMs ?? 2000;
    this.cursorMs = options.startMs;
  }

  get eventsWritten(): number {
    return this.written;
  }

  /** Events generated but not yet due (open watches, exec sessions). */
  get eventsPending(): number {
    return this.heap.size;
  }

  /** Simulates up to `untilMs` and writes what is due; returns the number of events written. */
  advance(untilMs: number): number {
    while (this.cursorMs <= untilMs) {
      const events = this.options.simulator.next(new Date(this.cursorMs));
      for (const event of events) this.heap.push(event, parseMicroTime(event.stageTimestamp));
      const perSecond = this.options.ratePerSecond * rateFactor(new Date(this.cursorMs));
      const expGap = -Math.log(1 - this.pacing.float());
      this.cursorMs += (events.length / perSecond) * 1000 * expGap || 1;
    }
    return this.flush((untilMs - this.holdBackMs) * 1000);
  }

  /** Writes everything stamped up to `untilMs` without holding back; for shutdown. */
  drain(untilMs: number): number {
    return this.flush(untilMs * 1000);
  }

  private flush(untilMicros: number): number {
    const due = this.heap.popUntil(untilMicros);
    if (due.length > 0) this.options.sink.write(due);
    this.written += due.length;
    return due.length;
  }
}
