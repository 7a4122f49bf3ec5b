import type { Job } from 'bullmq';
import { z } from 'zod';
import { PartitionCache, storeBatch, type StoreResult } from '@kubetrail/core';
import type { Pool } from '@kubetrail/db';
import { QUEUES, type StoreBatchJob } from '@kubetrail/queue';

// The ingest validated every event before enqueueing (the trust boundary);
// here only the envelope is checked, so the hot path does not parse each
// event twice.
const Envelope = QUEUES.storeBatch.payload.extend({ events: z.array(z.looseObject({})) });

export function storeBatchProcessor(pool: Pool) {
  const partitions = new PartitionCache();
  return async (job: Job): Promise<StoreResult> => {
    const parsed = Envelope.safeParse(job.data);
    if (!parsed.success) throw new Error(`malformed store-batch job ${job.id}: ${parsed.error.issues[0]?.message}`);
    return storeBatch(pool, partitions, job.data as StoreBatchJob);
  };
}
