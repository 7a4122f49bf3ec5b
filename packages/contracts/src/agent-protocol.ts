import { z } from 'zod';
import { AuditEventSchema, Int32Schema } from './audit-event';
import { STREAM_ID_PATTERN, STREAM_ID_RULE } from './stream-id';

/**
 * What agents and the ingest API say to each other over tRPC
 * (`/trpc/agent.*`, `Authorization: Bearer <cluster token>`).
 */

/** Stable per cluster node and log-file lineage; chosen by the agent once and kept in its state dir. */
export const StreamIdSchema = z.string().regex(STREAM_ID_PATTERN, `must be ${STREAM_ID_RULE}`);

/** A batch: `seq` grows by one per batch of a stream, so the platform can tell a lost batch from silence. */
export const PushBatchInputSchema = z.object({
  streamId: StreamIdSchema,
  seq: Int32Schema.min(0),
  events: z.array(AuditEventSchema),
});
export type PushBatchInput = z.infer<typeof PushBatchInputSchema>;

export const PushBatchResultSchema = z.object({
  batchId: z.string(),
  accepted: z.number().int(),
  /** of the accepted events, how many the cluster's audit policy left out */
  droppedByPolicy: z.number().int(),
  /** true when this (stream, seq) was already accepted before: nothing new was enqueued */
  duplicate: z.boolean(),
});
export type PushBatchResult = z.infer<typeof PushBatchResultSchema>;

export const AGENT_MODES = ['tail', 'webhook'] as const;

export const HeartbeatInputSchema = z.object({
  streamId: StreamIdSchema,
  agentVersion: z.string().min(1).max(64),
  kubernetesVersion: z.string().max(64).optional(),
  mode: z.enum(AGENT_MODES),
  /** seconds between now and the oldest event read but not yet acknowledged (0 when caught up) */
  lagSeconds: z.number().min(0).max(1e9),
  /** batches spooled on disk, not yet acknowledged */
  pendingBatches: Int32Schema.min(0),
  /** highest seq acknowledged by the platform, if any */
  lastSeq: Int32Schema.min(0).optional(),
});
export type HeartbeatInput = z.infer<typeof HeartbeatInputSchema>;

export const AgentConfigSchema = z.object({
  clusterId: z.string(),
  auditEnabled: z.boolean(),
  /**
   * The cluster's audit policy: its source, version and compiled form (plain
   * JSON that @kubetrail/policy's decodeCompiledPolicy checks, so agents need
   * no YAML parser); null = keep everything.
   */
  policy: z.object({ source: z.string(), version: z.number().int(), compiled: z.unknown() }).nullable(),
  limits: z.object({
    maxEventsPerBatch: z.number().int().positive(),
    maxBodyBytes: z.number().int().positive(),
    maxEventBytes: z.number().int().positive(),
  }),
  heartbeatIntervalSeconds: z.number().int().positive(),
  configPollSeconds: z.number().int().positive(),
});
export type AgentConfig = z.infer<typeof AgentConfigSchema>;
