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

function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CHUNK_BYTES) yield text.slice(i, i + CHUNK_BYTES);
}

async function copyInto(client: PoolClient, table: string, source: Iterable<string>): Promise<void> {
  const sink = client.query(copyFrom(`COPY ${quoteIdent(table)} (${COLUMN_LIST}) FROM STDIN`));
  await pipeline(Readable.from(source), sink);
}

/** Bulk-loads rows into `table` (the events table or a staging copy of it) with COPY … FROM STDIN. */
export function copyEventRows(client: PoolClient, table: string, rows: readonly EventRow[]): Promise<void> {
  return copyInto(client, table, chunks(rows));
}

/** The same, for rows already in COPY text format (see formatCopyLine). */
export function copyEventText(client: PoolClient, table: string, text: string): Promise<void> {
  return copyInto(client, table, slices(text));
}
