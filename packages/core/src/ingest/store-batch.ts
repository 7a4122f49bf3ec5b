import {
  addDays,
  addRollupRows,
  copyEventText,
  EVENT_TABLE,
  insertNewEventsWithRollups,
  lockClusterStorage,
  withTransaction,
  type Pool,
  type PoolClient,
} from '@kubetrail/db';
import type { StoreBatchJob } from '@kubetrail/queue';
import type { PartitionCache } from '../partitions/partition-cache';

export interface StoreResult {
  batchId: string;
  /** events newly written; fewer than the batch's when some were already stored */
  stored: number;
  /** the whole batch had been stored before (a retried or re-sent job) */
  duplicate: boolean;
  /** the cluster was deleted after the ingest accepted the batch: nothing was stored, and nothing is left to retry */
  clusterDeleted?: true;
}

const UNIQUE_VIOLATION = '23505';
const NO_PARTITION = '23514';
const FOREIGN_KEY_VIOLATION = '23503';

const clusterExists = async (pool: Pool, clusterId: string): Promise<boolean> =>
  ((await pool.query('SELECT 1 FROM clusters WHERE id = $1', [clusterId])).rowCount ?? 0) > 0;

export async function isBatchStored(pool: Pool | PoolClient, batchId: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM stored_batches WHERE batch_id = $1', [batchId]);
  return (rowCount ?? 0) > 0;
}

/**
 * Stores one batch exactly once. The batch marker and the events commit in
 * one transaction, so a job retried after a crash finds its marker and does
 * nothing. The fast path COPYs straight into the partitioned table; only
 * when an event is already there (the same auditID and stage sent twice, as
 * a webhook retry does) does it go through a staging table with
 * ON CONFLICT DO NOTHING. The hourly rollups change in the same transaction:
 * by the ingest's counts on the fast path, by counting the rows actually
 * inserted on the other, so they always equal what is stored. A batch of a
 * cluster deleted since the ingest accepted it is dropped (`clusterDeleted`).
 */
export async function storeBatch(pool: Pool, partitions: PartitionCache, job: StoreBatchJob, rows: string | Buffer): Promise<StoreResult> {
  if (await isBatchStored(pool, job.batchId)) return { batchId: job.batchId, stored: 0, duplicate: true };
  await partitions.ensure(pool, job.clusterId, job.days);
  try {
    return await writeBatch(pool, job, rows, 'direct');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === UNIQUE_VIOLATION) return writeBatch(pool, job, rows, 'dedupe');
    // Deleting a cluster drops its partitions (no partition for its rows) and
    // its row (the batch marker's foreign key fails).
    if ((code === NO_PARTITION || code === FOREIGN_KEY_VIOLATION) && !(await clusterExists(pool, job.clusterId)))
      return { batchId: job.batchId, stored: 0, duplicate: false, clusterDeleted: true };
    if (code === NO_PARTITION) {
      // A partition we believed in was dropped (retention) since we cached
      // it, or a nanosecond timestamp just before midnight was rounded by
      // PostgreSQL into the next day.
      partitions.forget(job.clusterId);
      await partitions.ensure(
        pool,
        job.clusterId,
        job.days.flatMap((d) => [d, addDays(d, 1)]),
      );
      return writeBatch(pool, job, rows, 'dedupe');
    }
    throw error;
  }
}

async function writeBatch(pool: Pool, job: StoreBatchJob, rows: string | Buffer, mode: 'direct' | 'dedupe'): Promise<StoreResult> {
  return withTransaction(pool, async (client) => {
    // Shared with the cluster's other batches; deleting the cluster waits for it.
    await lockClusterStorage(client, job.clusterId, 'shared');
    let stored = job.eventCount;
    if (mode === 'direct') {
      await copyEventText(client, EVENT_TABLE, rows);
      await addRollupRows(client, job.clusterId, job.rollups);
    } else {
      await client.query(`CREATE TEMP TABLE batch_staging (LIKE ${EVENT_TABLE} INCLUDING DEFAULTS) ON COMMIT DROP`);
      await copyEventText(client, 'batch_staging', rows);
      stored = await insertNewEventsWithRollups(client, job.clusterId, 'batch_staging');
    }
    const marker = await client.query(
      `INSERT INTO stored_batches (batch_id, cluster_id, stream_id, seq, event_count, stored_count, ingested_bytes, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (batch_id) DO NOTHING`,
      [job.batchId, job.clusterId, job.streamId, job.seq, job.eventCount, stored, job.ingestedBytes, job.receivedAt],
    );
    // Another worker committed this batch while we copied: undo ours.
    if (marker.rowCount === 0) throw new BatchAlreadyStored();
    // Usage of the UTC day the ingest received the batch, in the same
    // transaction as the marker, so a retried job never counts twice.
    await client.query(
      `INSERT INTO usage_daily AS u (cluster_id, day, events_received, events_stored, dropped_by_policy, ingested_bytes_wire, ingested_bytes_raw)
       VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::date, $3, $4, $5, $6, $7)
       ON CONFLICT (cluster_id, day) DO UPDATE SET
         events_received = u.events_received + EXCLUDED.events_received,
         events_stored = u.events_stored + EXCLUDED.events_stored,
         dropped_by_policy = u.dropped_by_policy + EXCLUDED.dropped_by_policy,
         ingested_bytes_wire = u.ingested_bytes_wire + EXCLUDED.ingested_bytes_wire,
         ingested_bytes_raw = u.ingested_bytes_raw + EXCLUDED.ingested_bytes_raw`,
      [
        job.clusterId,
        job.receivedAt,
        job.eventCount + job.droppedByPolicy,
        stored,
        job.droppedByPolicy,
        job.ingestedBytes,
        job.ingestedBytesRaw,
      ],
    );
    return { batchId: job.batchId, stored, duplicate: false };
  }).catch((error: unknown) => {
    if (error instanceof BatchAlreadyStored) return { batchId: job.batchId, stored: 0, duplicate: true };
    throw error;
  });
}

class BatchAlreadyStored extends Error {}
