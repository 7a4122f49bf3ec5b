import { AppError } from '@kubetrail/contracts';
import type { Queue } from 'bullmq';

/**
 * Refuses new batches (503 + Retry-After) while the store queue is deeper
 * than `maxDepth`, so a slow database shows up at the agents as back-pressure
 * instead of Redis filling up. The depth is sampled, not read per request.
 */
export class OverloadGuard {
  private depth = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: Queue,
    private readonly maxDepth: number,
    private readonly sampleMs = 1_000,
  ) {}

  start(): void {
    const sample = () =>
      this.queue
        .getJobCounts('wait', 'prioritized', 'delayed')
        .then((c) => {
          this.depth = (c.wait ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0);
        })
        .catch(() => {});
    void sample();
    this.timer = setInterval(sample, this.sampleMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get queueDepth(): number {
    return this.depth;
  }

  check(): void {
    if (this.depth > this.maxDepth)
      throw new AppError('OVERLOADED', `the ingest queue holds ${this.depth} batches (limit ${this.maxDepth}); retry later`);
  }
}
