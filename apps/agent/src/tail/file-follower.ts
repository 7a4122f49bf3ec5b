import { open, type FileHandle } from 'node:fs/promises';
import type { Logger } from '../log';
import { sleep } from '../util/sleep';
import { FINGERPRINT_BYTES, identityOf, matchesIdentity, sameInode, type FileIdentity, type FilePosition } from './file-identity';
import { listLogFiles, statOrUndefined, type LogFile } from './log-files';

export interface FollowedFile extends FileIdentity {
  path: string;
  mtimeMs: number;
}

export interface Line {
  text: string;
  /** byte offset of the line's first byte */
  start: number;
  /** byte offset just past the line's `\n`: resuming here never re-reads it */
  end: number;
}

export interface LineChunk {
  file: FollowedFile;
  lines: Line[];
  /** everything before this offset of `file` is handled once `lines` are */
  offset: number;
}

export interface SkippedLine {
  file: FollowedFile;
  offset: number;
  bytes: number;
  head: string;
  reason: 'line-too-long' | 'incomplete-last-line';
}

export interface FollowerOptions {
  path: string;
  pollIntervalMs: number;
  log: Logger;
  chunkBytes?: number;
  /** lines longer than this are skipped without being held in memory (they could never be sent anyway) */
  maxLineBytes?: number;
  onSkippedLine?: (skipped: SkippedLine) => Promise<void>;
}

interface Current {
  handle: FileHandle;
  path: string;
  identity: FileIdentity;
  mtimeMs: number;
  /** bytes pulled from the file so far */
  readOffset: number;
  /** an incomplete last line, waiting for its `\n` */
  pending: Buffer | null;
  /** set while discarding an over-long line up to its `\n` */
  skipping: { start: number; head: string } | null;
}

const HEAD_BYTES = 512;

/**
 * Follows the audit log across lumberjack rotation: after the active file is
 * renamed, the old inode is read to its very end, then the next file of the
 * lineage is read from offset 0. Only whole lines are handed out.
 */
export class FileFollower {
  #cur: Current | null = null;
  #buf: Buffer | null = null;
  readonly #chunkBytes: number;
  maxLineBytes: number;

  constructor(private readonly opts: FollowerOptions) {
    this.#chunkBytes = opts.chunkBytes ?? 256 * 1024;
    this.maxLineBytes = opts.maxLineBytes ?? 4 * 1024 * 1024;
  }

  async start(from?: FilePosition): Promise<void> {
    const { log } = this.opts;
    if (!from) {
      if (!(await this.#openActive())) log.info('waiting for the audit log to appear', { path: this.opts.path });
      return;
    }
    const files = await listLogFiles(this.opts.path);
    for (const f of files) {
      if (!(await matchesIdentity(f.path, f.stat, from))) continue;
      let offset = from.offset;
      if (f.stat.size < BigInt(offset)) {
        log.warn('checkpointed file is shorter than the checkpoint (truncated?); reading it from the start', { path: f.path, offset });
        offset = 0;
      }
      if (await this.#open(f, offset)) {
        log.info('resuming from checkpoint', { path: f.path, offset, rotated: !f.active });
        return;
      }
    }
    const next = files.find((f) => Number(f.stat.mtimeMs) >= from.mtimeMs) ?? files.find((f) => f.active);
    log.warn('checkpointed file is gone: events written to it after the checkpoint are lost', {
      gap: true,
      lostFile: from.path,
      ino: from.ino,
      offset: from.offset,
      continueWith: next?.path ?? null,
    });
    if (next) await this.#open(next, 0);
  }

  current(): FollowedFile | undefined {
    return this.#cur ? snapshot(this.#cur) : undefined;
  }

  /** The next whole lines, or null after waiting one poll interval with nothing new. */
  async read(signal?: AbortSignal): Promise<LineChunk | null> {
    for (;;) {
      if (signal?.aborted) return null;
      if (!this.#cur && !(await this.#openActive())) {
        await sleep(this.opts.pollIntervalMs, signal);
        return null;
      }
      const cur = this.#cur!;
      // One buffer for all reads: lines are copied out as strings and leftovers as small Buffers.
      const buf = (this.#buf ??= Buffer.allocUnsafe(this.#chunkBytes));
      const { bytesRead } = await cur.handle.read(buf, 0, buf.length, cur.readOffset);
      if (bytesRead > 0) {
        cur.readOffset += bytesRead;
        if (cur.identity.fingerprintLength < FINGERPRINT_BYTES) {
          cur.identity = await identityOf(cur.handle, await cur.handle.stat({ bigint: true }));
        }
        const lines = await this.#split(cur, buf.subarray(0, bytesRead));
        return { file: snapshot(cur), lines, offset: consumedOffset(cur) };
      }
      const state = await this.#atEndOfFile(cur);
      if (state === 'more') continue;
      if (state === 'switched') return { file: snapshot(this.#cur!), lines: [], offset: consumedOffset(this.#cur!) };
      await sleep(this.opts.pollIntervalMs, signal);
      return null;
    }
  }

  async close(): Promise<void> {
    await this.#cur?.handle.close();
    this.#cur = null;
  }

  async #split(cur: Current, chunk: Buffer): Promise<Line[]> {
    let data = chunk;
    let base = cur.readOffset - chunk.length;
    if (cur.pending) {
      data = Buffer.concat([cur.pending, chunk]);
      base -= cur.pending.length;
      cur.pending = null;
    }
    const lines: Line[] = [];
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      if (cur.skipping) {
        await this.#skip(cur, cur.skipping.start, base + nl + 1 - cur.skipping.start, cur.skipping.head, 'line-too-long');
        cur.skipping = null;
      } else if (nl - start > this.maxLineBytes) {
        await this.#skip(cur, base + start, nl + 1 - start, data.toString('utf8', start, start + HEAD_BYTES), 'line-too-long');
      } else {
        const end = nl > start && data[nl - 1] === 0x0d ? nl - 1 : nl;
        lines.push({ text: data.toString('utf8', start, end), start: base + start, end: base + nl + 1 });
      }
      start = nl + 1;
    }
    const rest = data.length - start;
    if (cur.skipping || rest === 0) return lines;
    if (rest > this.maxLineBytes) cur.skipping = { start: base + start, head: data.toString('utf8', start, start + HEAD_BYTES) };
    // A copy: the read buffer is reused by the next read.
    else cur.pending = Buffer.from(data.subarray(start));
    return lines;
  }

  async #skip(cur: Current, offset: number, bytes: number, head: string, reason: SkippedLine['reason']): Promise<void> {
    this.opts.log.warn('skipping line', { reason, path: cur.path, offset, bytes });
    await this.opts.onSkippedLine?.({ file: snapshot(cur), offset, bytes, head, reason });
  }

  async #atEndOfFile(cur: Current): Promise<'more' | 'switched' | 'idle'> {
    const own = await cur.handle.stat({ bigint: true });
    cur.mtimeMs = Number(own.mtimeMs);
    if (own.size > BigInt(cur.readOffset)) return 'more';
    const active = await statOrUndefined(this.opts.path);
    if (active && sameInode(cur.identity, active)) {
      if (active.size >= BigInt(cur.readOffset)) return 'idle';
      this.opts.log.warn('file was truncated in place; reading it again from the start', { path: cur.path, offset: cur.readOffset });
      cur.readOffset = 0;
      cur.pending = null;
      cur.skipping = null;
      cur.identity = await identityOf(cur.handle, active);
      return 'switched';
    }
    const next = await this.#nextAfter(cur);
    if (!next) return 'idle';
    // The rename is seen only after the writer's last write, so one more look at the size is enough to drain it.
    if ((await cur.handle.stat({ bigint: true })).size > BigInt(cur.readOffset)) return 'more';
    // Keep the current file until the next one is really open: if it was renamed again
    // in between, the next poll finds it under its new name.
    if (!(await this.#open(next, 0))) return 'idle';
    if (cur.pending || cur.skipping) {
      const start = cur.skipping?.start ?? cur.readOffset - cur.pending!.length;
      const head = cur.skipping?.head ?? cur.pending!.toString('utf8', 0, HEAD_BYTES);
      await this.#skip(cur, start, cur.readOffset - start, head, 'incomplete-last-line');
    }
    await cur.handle.close();
    this.opts.log.info('following next file', { from: cur.path, to: next.path });
    return 'switched';
  }

  async #nextAfter(cur: Current): Promise<LogFile | undefined> {
    const files = await listLogFiles(this.opts.path);
    const idx = files.findIndex((f) => sameInode(cur.identity, f.stat));
    if (idx >= 0) {
      cur.path = files[idx]!.path;
      return files[idx + 1];
    }
    // Deleted while we held it open (we still read all of it): go on with the oldest file not older than it.
    return files.find((f) => Number(f.stat.mtimeMs) >= cur.mtimeMs) ?? files.find((f) => f.active);
  }

  async #openActive(): Promise<boolean> {
    const st = await statOrUndefined(this.opts.path);
    if (!st?.isFile()) return false;
    const ok = await this.#open({ path: this.opts.path, stat: st, active: true }, 0);
    if (ok) this.opts.log.info('following file', { path: this.opts.path });
    return ok;
  }

  async #open(file: LogFile, offset: number): Promise<boolean> {
    let handle: FileHandle;
    try {
      handle = await open(file.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    const st = await handle.stat({ bigint: true });
    // Renamed or replaced between listing and opening: look again on the next poll.
    if (st.ino !== file.stat.ino || st.dev !== file.stat.dev) {
      await handle.close();
      return false;
    }
    const identity = await identityOf(handle, st);
    this.#cur = { handle, path: file.path, identity, mtimeMs: Number(st.mtimeMs), readOffset: offset, pending: null, skipping: null };
    return true;
  }
}

function consumedOffset(cur: Current): number {
  if (cur.skipping) return cur.skipping.start;
  return cur.readOffset - (cur.pending?.length ?? 0);
}

function snapshot(cur: Current): FollowedFile {
  return { ...cur.identity, path: cur.path, mtimeMs: cur.mtimeMs };
}
