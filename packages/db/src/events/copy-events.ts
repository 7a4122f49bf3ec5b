import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from '../pool';
import { quoteIdent } from '../migrate/database-url';
import { EVENT_COPY_COLUMNS } from './event-table';
import { formatCopyLine, type EventRow } from './copy-format';

const COLUMN_LIST = EVENT_COPY_COLUMNS.map(quoteIdent).join(', ');

// Lines are grouped into chunks of about this size so the stream does not
// push one tiny write per event.
const CHUNK_BYTES = 256 * 1024;

function* chunks(rows: readonly EventRow[]): Generator<string> {
  let buffer = '';
  for (const row of rows) {
    buffer += formatCopyLine(row);
    if (buffer.length >= CHUNK_BYTES) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** Bulk-loads rows into `table` (the events table or a staging copy of it) with COPY … FROM STDIN. */
export async function copyEventRows(client: PoolClient, table: string, rows: readonly EventRow[]): Promise<void> {
  const sink = client.query(copyFrom(`COPY ${quoteIdent(table)} (${COLUMN_LIST}) FROM STDIN`));
  await pipeline(Readable.from(chunks(rows)), sink);
}
