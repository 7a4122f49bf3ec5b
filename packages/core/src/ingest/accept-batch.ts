import { createHash, randomUUID } from 'node:crypto';
import { AppError, type IngestLimits } from '@kubetrail/contracts';
import type { Pool } from '@kubetrail/db';
import type { Producers, StoreBatchJob } from '@kubetrail/queue';
import { isBatchStored } from './store-batch';
import type { AgentIdentity } from './agent-auth';
import { validateEvents } from './validate-events';
import { findRawElements } from './raw-event-spans';
import { buildBatchRows } from './event-rows';
import { guardWithPolicy } from './policy-guard';

export interface IncomingBatch {
  identity: AgentIdentity;
  /** the agent's stream and sequence; absent for the apiserver's webhook backend */
  stream?: { streamId: string; seq: number };
  items: unknown;
  /** name of the list in the request, for error paths (`items`, `events`) */
  listField: string;
  /** the decompressed request body, from which each event's text is taken as received */
  rawBody?: string;
  wireBytes: number;
}

export interface AcceptedBatch {
  batchId: string;
  /** events taken from the batch (all of them, or the batch was refused) */
  accepted: number;
  /** of those, how many the cluster's audit policy left out */
  droppedByPolicy: number;
  duplicate: boolean;
}

/**
 * Holds each cluster to its ingest quota (events/s) across ingest instances;
 * `admit` resolves when the batch may go on, or throws RATE_LIMITED
 * (`rateLimited` in quotas/quota-errors.ts) with `details.retryAfterSeconds`.
 */
export interface IngestRateLimit {
  admit(identity: AgentIdentity, events: number): Promise<void>;
}

/** Agent batches are named by (cluster, stream, seq) so a re-send maps to the same queue job. */
export function agentBatchId(clusterId: string, streamId: string, seq: number): string {
  const digest = createHash('sha256').update(`${clusterId}\0${streamId}`).digest('base64url').slice(0, 22);
  return `${clusterId}.${digest}.${seq}`;
}

/**
 * Validates and enqueues one batch; resolves only after the queue has
 * acknowledged it, which is when the edge may answer 2xx. A batch over its
 * cluster's rate is refused whole, before anything is built or enqueued.
 */
export async function acceptBatch(
  deps: { producers: Producers; pool: Pool; rateLimit: IngestRateLimit },
  limits: IngestLimits,
  batch: IncomingBatch,
): Promise<AcceptedBatch> {
  const { identity } = batch;
  if (!identity.auditEnabled)
    throw new AppError(
      'AUDIT_DISABLED',
      `auditing is disabled for cluster ${identity.clusterId}; events are not accepted until it is enabled`,
    );
  const raw = batch.rawBody === undefined ? null : findRawElements(batch.rawBody, batch.listField);
  const validated = validateEvents(batch.items, limits, batch.listField, raw);
  const batchId = batch.stream
    ? agentBatchId(identity.clusterId, batch.stream.streamId, batch.stream.seq)
    : `${identity.clusterId}.wh.${randomUUID()}`;
  // A stream batch re-sent after it was stored (its queue job long removed) is acknowledged, not stored twice.
  if (batch.stream && (await isBatchStored(deps.pool, batchId))) return { batchId, accepted: 0, droppedByPolicy: 0, duplicate: true };
  // Counted as received, before the policy guard: the events the guard drops cost the ingest
  // as much as those it keeps, and they are what usage meters as received.
  if (validated.events.length > 0) await deps.rateLimit.admit(identity, validated.events.length);
  const events = guardWithPolicy(identity.policy, validated);
  // Empty stream batches are still recorded, so their seq does not read as a gap.
  if (events.events.length > 0 || batch.stream) {
    const { rows, days, rollups, sourceIps } = buildBatchRows(events.events, events.lines, identity.clusterId, batchId);
    const job = {
      batchId,
      clusterId: identity.clusterId,
      streamId: batch.stream?.streamId ?? null,
      seq: batch.stream?.seq ?? null,
      receivedAt: new Date().toISOString(),
      ingestedBytes: batch.wireBytes,
      ingestedBytesRaw: batch.rawBody === undefined ? batch.wireBytes : Buffer.byteLength(batch.rawBody, 'utf8'),
      eventCount: events.events.length,
      droppedByPolicy: events.droppedByPolicy,
      days,
      rollups,
      sourceIps,
    };
    await enqueueOrOverloaded(deps.producers, job, rows);
  }
  return { batchId, accepted: validated.events.length, droppedByPolicy: events.droppedByPolicy, duplicate: false };
}

/** A queue that cannot take the batch means "retry later" to the sender, never a silent drop. */
async function enqueueOrOverloaded(producers: Producers, job: StoreBatchJob, rows: string): Promise<void> {
  try {
    await producers.enqueueStoreBatch(job, rows);
  } catch (error) {
    throw new AppError('OVERLOADED', `the queue did not accept the batch (${(error as Error).message}); nothing was stored, retry later`);
  }
}
