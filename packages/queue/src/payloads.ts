import { z } from 'zod';
import { AuditEventSchema, StreamIdSchema } from '@kubetrail/contracts';

export const StoreBatchJobSchema = z.object({
  batchId: z.string().min(1),
  clusterId: z.string().min(1),
  /** null for batches that came straight from the apiserver's webhook backend */
  streamId: StreamIdSchema.nullable(),
  seq: z.number().int().min(0).nullable(),
  receivedAt: z.iso.datetime(),
  /** bytes on the wire, before decompression */
  ingestedBytes: z.number().int().min(0),
  events: z.array(AuditEventSchema),
});
export type StoreBatchJob = z.infer<typeof StoreBatchJobSchema>;

export const MaintainPartitionsJobSchema = z.object({
  /** days ahead of today (UTC) to create */
  daysAhead: z.number().int().min(0).max(31),
});
export type MaintainPartitionsJob = z.infer<typeof MaintainPartitionsJobSchema>;
