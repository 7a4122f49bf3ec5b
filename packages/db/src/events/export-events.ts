import QueryStream from 'pg-query-stream';
import type { Pool } from '../pool';
import { EVENT_TABLE } from './event-table';
import { quoteIdent } from '../migrate/database-url';

export interface ExportRange {
  clusterId: string;
  from?: Date;
  to?: Date;
}

/**
 * Streams a cluster's stored events oldest first as the JSON text PostgreSQL
 * holds (never re-serialized in JavaScript, so numbers stay as stored).
 */
export async function* streamEventJson(pool: Pool, range: ExportRange): AsyncGenerator<string> {
  const client = await pool.connect();
  try {
    const stream = client.query(
      new QueryStream(
        `SELECT event::text AS event FROM ${quoteIdent(EVENT_TABLE)}
          WHERE cluster_id = $1 AND ts >= $2 AND ts < $3
          ORDER BY ts, request_received_at, audit_id, stage`,
        [range.clusterId, range.from ?? new Date(0), range.to ?? new Date('9999-12-31T00:00:00Z')],
        { batchSize: 1000 },
      ),
    );
    for await (const row of stream as AsyncIterable<{ event: string }>) yield row.event;
  } finally {
    client.release();
  }
}
