import { z } from 'zod';
import { StreamIdSchema } from '@kubetrail/contracts';

export const StoreBatchJobSchema = z.object({
  batchId: z.string().min(1),
  clusterId: z.string().min(1),
  /** null for batches that came straight from the apiserver's webhook backend */
  streamId: StreamIdSchema.nullable(),
  seq: z.number().int().min(0).nullable(),
  receivedAt: z.iso.datetime(),
  /** bytes on the wire, before decompression */
  ingestedBytes: z.number().int().min(0),
  /** bytes after decompression (equal to ingestedBytes for an uncompressed body); 0 from ingests older than usage metering */
  ingestedBytesRaw: z.number().int().min(0).default(0),
  eventCount: z.number().int().min(0),
  /** events of the batch that the cluster's audit policy left out at the ingest (for usage metering) */
  droppedByPolicy: z.number().int().min(0).default(0),
  /** UTC days (YYYY-MM-DD) the events fall on: the partitions the batch needs */
  days: z.array(z.iso.date()),
  /**
   * The events counted per hour and report dimensions (enrich's RollupRow:
   * hour, ROLLUP_DIMENSIONS…, count), applied with the events when every
   * event is new.
   */
  rollups: z.array(z.array(z.union([z.string(), z.number(), z.null()]))).default([]),
  /** the batch's distinct source addresses, which the worker locates for the ip_to_* query functions */
  sourceIps: z.array(z.string()).default([]),
});
/**
 * The events themselves travel as rows of the event table in COPY text format
 * (columns in EVENT_COPY_COLUMNS order), kept beside the job by
 * BatchRowsStore. The ingest holds every event parsed anyway, so it extracts
 * the columns and serializes each event once; the worker streams the rows
 * into PostgreSQL without parsing them again.
 */
export type StoreBatchJob = z.infer<typeof StoreBatchJobSchema>;

export const MaintainPartitionsJobSchema = z.object({
  /** days ahead of today (UTC) to create */
  daysAhead: z.number().int().min(0).max(31),
});
export type MaintainPartitionsJob = z.infer<typeof MaintainPartitionsJobSchema>;

/** The daily retention run: every cluster's expired days go. */
export const RunRetentionJobSchema = z.object({});
export type RunRetentionJob = z.infer<typeof RunRetentionJobSchema>;

/** The hourly budget check: every budgeted project's month is projected. */
export const CheckBudgetsJobSchema = z.object({});
export type CheckBudgetsJob = z.infer<typeof CheckBudgetsJobSchema>;

/** Every minute: each enabled rule with a window due is handed to evaluate-alert-rule. */
export const AlertTickJobSchema = z.object({});
export type AlertTickJob = z.infer<typeof AlertTickJobSchema>;

/** Evaluates every due window of one rule, oldest first. */
export const EvaluateAlertRuleJobSchema = z.object({ ruleId: z.string().min(1) });
export type EvaluateAlertRuleJob = z.infer<typeof EvaluateAlertRuleJobSchema>;

/** One notification to one channel; retried with backoff, each attempt recorded. */
export const DeliverAlertJobSchema = z.object({ firingId: z.string().min(1), channelId: z.string().min(1) });
export type DeliverAlertJob = z.infer<typeof DeliverAlertJobSchema>;
