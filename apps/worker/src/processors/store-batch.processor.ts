import type { Job } from 'bullmq';
import { PartitionCache, storeBatch, type StoreResult } from '@kubetrail/core';
import type { Pool } from '@kubetrail/db';
import { QUEUES } from '@kubetrail/queue';

export function storeBatchProcessor(pool: Pool) {
  const partitions = new PartitionCache();
  return async (job: Job): Promise<StoreResult> => {
    // Events were validated at the ingest (the trust boundary); this checks the envelope.
    const parsed = QUEUES.storeBatch.payload.safeParse(job.data);
    if (!parsed.success) throw new Error(`malformed store-batch job ${job.id}: ${parsed.error.issues[0]?.message}`);
    return storeBatch(pool, partitions, parsed.data);
  };
}
