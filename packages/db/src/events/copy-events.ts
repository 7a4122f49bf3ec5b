import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from '../pool';
import { quoteIdent } from '../migrate/database-url';
import { EVENT_COPY_COLUMNS } from './event-table';

const COLUMN_LIST = EVENT_COPY_COLUMNS.map(quoteIdent).join(', ');

// Written in slices so one large batch does not become one giant socket write.
const CHUNK = 256 * 1024;

function* slices(text: string | Buffer): Generator<string | Buffer> {
  for (let i = 0; i < text.length; i += CHUNK) yield typeof text === 'string' ? text.slice(i, i + CHUNK) : text.subarray(i, i + CHUNK);
}

/**
 * Bulk-loads rows already in COPY text format (see formatCopyLine), as text
 * or UTF-8 bytes, into `table` (the events table or a staging copy of it).
 */
export async function copyEventText(client: PoolClient, table: string, text: string | Buffer): Promise<void> {
  const sink = client.query(copyFrom(`COPY ${quoteIdent(table)} (${COLUMN_LIST}) FROM STDIN`));
  await pipeline(Readable.from(slices(text)), sink);
}
