import type { Job } from 'bullmq';
import { isBatchStored, PartitionCache, storeBatch, type IpLocationRecorder, type StoreResult } from '@kubetrail/core';
import type { Pool } from '@kubetrail/db';
import { QUEUES, type BatchRowsStore } from '@kubetrail/queue';

export function storeBatchProcessor(pool: Pool, rowsStore: BatchRowsStore, ipLocations: IpLocationRecorder) {
  const partitions = new PartitionCache();
  return async (job: Job): Promise<StoreResult> => {
    // Events were validated at the ingest (the trust boundary); this checks the envelope.
    const parsed = QUEUES.storeBatch.payload.safeParse(job.data);
    if (!parsed.success) throw new Error(`malformed store-batch job ${job.id}: ${parsed.error.issues[0]?.message}`);
    const batch = parsed.data;
    const rows = await rowsStore.get(batch.batchId);
    if (!rows) {
      // Rows are deleted only after their batch commits, so missing rows mean
      // an earlier attempt stored it. Otherwise fail (and retry) rather than
      // record a batch without its events.
      if (await isBatchStored(pool, batch.batchId)) return { batchId: batch.batchId, stored: 0, duplicate: true };
      throw new Error(`rows of batch ${batch.batchId} are missing from Redis`);
    }
    const result = await storeBatch(pool, partitions, batch, rows);
    // After the commit and idempotent: a retried job records the same rows.
    await ipLocations.record(pool, batch.clusterId, batch.sourceIps);
    await rowsStore.delete(batch.batchId);
    return result;
  };
}
