import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError, STREAM_ID_PATTERN, STREAM_ID_RULE } from '@kubetrail/contracts/core';
import { readTextIfExists, writeFileAtomic } from './atomic-file';

/**
 * The platform counts sequence numbers per stream, so the id must survive
 * restarts: a new id would make the old stream look like it stopped forever.
 */
export async function loadOrCreateStreamId(stateDir: string): Promise<string> {
  const file = join(stateDir, 'stream-id');
  const existing = (await readTextIfExists(file))?.trim();
  if (existing !== undefined && existing !== '') {
    if (!STREAM_ID_PATTERN.test(existing))
      throw new AppError('BAD_REQUEST', `${file} holds an invalid stream id: it must be ${STREAM_ID_RULE}`);
    return existing;
  }
  const host =
    hostname()
      .replace(/[^A-Za-z0-9.-]/g, '-')
      .slice(0, 60) || 'agent';
  const id = `${host}-${randomBytes(8).toString('hex')}`;
  await writeFileAtomic(file, `${id}\n`);
  return id;
}
