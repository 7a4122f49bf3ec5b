import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** How many leading bytes tell two files apart when the kernel reuses an inode number. */
export const FINGERPRINT_BYTES = 256;

export interface FileIdentity {
  /** dev and ino as decimal strings: 64-bit inode numbers do not fit a double */
  dev: string;
  ino: string;
  /** sha256 (hex) of the first `fingerprintLength` bytes */
  fingerprint: string;
  fingerprintLength: number;
}

/** Where reading stopped: everything before `offset` in that file has been handled. */
export interface FilePosition extends FileIdentity {
  offset: number;
  /** last path the file was seen under (informational: rotation renames it) */
  path: string;
  /** the file's mtime when the position was taken, to order it against siblings if it disappears */
  mtimeMs: number;
}

export function sameInode(a: { dev: string; ino: string }, st: BigIntStats): boolean {
  return a.dev === st.dev.toString() && a.ino === st.ino.toString();
}

export async function fingerprint(handle: FileHandle, length: number): Promise<string> {
  const buf = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buf, filled, length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return createHash('sha256').update(buf.subarray(0, filled)).digest('hex');
}

export async function identityOf(handle: FileHandle, st: BigIntStats): Promise<FileIdentity> {
  const length = Number(st.size < BigInt(FINGERPRINT_BYTES) ? st.size : BigInt(FINGERPRINT_BYTES));
  return {
    dev: st.dev.toString(),
    ino: st.ino.toString(),
    fingerprint: await fingerprint(handle, length),
    fingerprintLength: length,
  };
}

/** True when the file at `path` is the one `id` describes: same inode and the same leading bytes. */
export async function matchesIdentity(path: string, st: BigIntStats, id: FileIdentity): Promise<boolean> {
  if (!sameInode(id, st)) return false;
  if (st.size < BigInt(id.fingerprintLength)) return false;
  const handle = await open(path, 'r');
  try {
    return (await fingerprint(handle, id.fingerprintLength)) === id.fingerprint;
  } finally {
    await handle.close();
  }
}
