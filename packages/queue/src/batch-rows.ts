import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * A batch's rows travel beside its job, in a plain Redis string, rather than
 * inside the job: BullMQ JSON-encodes job data, and escaping then unescaping
 * megabytes of COPY text full of quotes and tabs was the costliest step of
 * ingestion. The producer writes the rows before it adds the job, so a job
 * never exists without its rows; the worker deletes them once the batch is
 * committed.
 */
export class BatchRowsStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  key(batchId: string): string {
    return `${this.prefix}:store-batch:rows:${batchId}`;
  }

  async put(batchId: string, rows: string): Promise<void> {
    await this.redis.set(this.key(batchId), rows);
  }

  get(batchId: string): Promise<Buffer | null> {
    return this.redis.getBuffer(this.key(batchId));
  }

  async delete(batchId: string): Promise<void> {
    await this.redis.del(this.key(batchId));
  }

  /**
   * Removes rows whose job is gone or completed: left behind when a producer
   * died between writing the rows and adding the job, or when a re-sent batch
   * was written after its first copy had been stored. Rows untouched for less
   * than `minIdleSeconds` are left alone: their job may be being added.
   * Rows of failed jobs stay, so the batch can be retried by hand.
   */
  async sweepOrphans(queue: Queue, minIdleSeconds = 3_600): Promise<number> {
    const marker = ':store-batch:rows:';
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}${marker}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const idle = Number(await this.redis.object('IDLETIME', key));
        if (!(idle >= minIdleSeconds)) continue;
        const batchId = key.slice(key.indexOf(marker) + marker.length);
        const job = await queue.getJob(batchId);
        if (!job || (await job.getState()) === 'completed') {
          await this.redis.del(key);
          removed++;
        }
      }
    } while (cursor !== '0');
    return removed;
  }
}
