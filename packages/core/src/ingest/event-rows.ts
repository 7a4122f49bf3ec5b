import type { AuditEvent } from '@kubetrail/contracts';
import { formatCopyLine, utcDay } from '@kubetrail/db';
import { collectSourceIps, extractEventColumns, HourlyRollup, type RollupRow } from '@kubetrail/enrich';
import type { StoreBatchJob } from '@kubetrail/queue';

export interface BatchRows {
  /** COPY text, one line per event */
  rows: string;
  /** UTC days the events fall on */
  days: string[];
  /** the batch's events counted per hour and report dimensions */
  rollups: RollupRow[];
  /** distinct source addresses of the batch */
  sourceIps: string[];
}

/** Turns validated events (and their JSON texts) into event-table rows for one batch. */
export function buildBatchRows(events: readonly AuditEvent[], lines: readonly string[], clusterId: string, batchId: string): BatchRows {
  let rows = '';
  const days = new Set<string>();
  const rollup = new HourlyRollup();
  const origin = { clusterId, batchId };
  const sourceIps = new Set<string>();
  for (let i = 0; i < events.length; i++) {
    const columns = extractEventColumns(events[i]!);
    collectSourceIps(events[i]!.sourceIPs, sourceIps);
    days.add(utcDay(columns.ts));
    rollup.add(columns);
    rows += formatCopyLine(origin, columns, lines[i]!);
  }
  return { rows, days: [...days].sort(), rollups: rollup.rows(), sourceIps: [...sourceIps] };
}

/** A store-batch job and its rows for events already validated (for tests and the benchmark). */
export function batchJobFor(
  clusterId: string,
  events: readonly AuditEvent[],
  meta: { batchId: string; streamId?: string | null; seq?: number | null; ingestedBytes?: number; receivedAt?: Date },
): { job: StoreBatchJob; rows: string } {
  const lines = events.map((e) => JSON.stringify(e));
  const { rows, days, rollups, sourceIps } = buildBatchRows(events, lines, clusterId, meta.batchId);
  return {
    job: {
      batchId: meta.batchId,
      clusterId,
      streamId: meta.streamId ?? null,
      seq: meta.seq ?? null,
      receivedAt: (meta.receivedAt ?? new Date()).toISOString(),
      ingestedBytes: meta.ingestedBytes ?? lines.reduce((n, l) => n + Buffer.byteLength(l), 0),
      ingestedBytesRaw: meta.ingestedBytes ?? lines.reduce((n, l) => n + Buffer.byteLength(l), 0),
      eventCount: events.length,
      droppedByPolicy: 0,
      days,
      rollups,
      sourceIps,
    },
    rows,
  };
}
