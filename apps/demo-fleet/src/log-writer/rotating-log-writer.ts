import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import type { AuditEvent } from '@kubetrail/contracts';
import { backupLayout, backupName, backupPath, backupsToRemove, listBackups, type BackupLayout } from './backup-files';

export interface RotatingLogWriterOptions {
  /** The active file, e.g. /var/log/kubernetes/kubernetes.audit. */
  path: string;
  /** Rotate before a write would make the file larger than this. */
  maxSizeBytes: number;
  /** Rotated files to keep, newest first; 0 keeps all (as --audit-log-maxbackup=0 does). */
  maxBackups: number;
  /** Also remove backups older than this many days; 0 or absent keeps them regardless of age. */
  maxAgeDays?: number;
  /** Clock for backup names and age; tests pin it. */
  now?: () => Date;
  /** Mode of newly created files; lumberjack uses 0600. */
  fileMode?: number;
}

export interface RotationStats {
  rotations: number;
  bytesWritten: number;
}

/**
 * Writes audit events as JSON lines the way kube-apiserver's log backend
 * does through lumberjack: append to the active file; when the next line
 * would push it past the limit, rename it to a timestamped backup, start a
 * new one and prune old backups. A line is never split across files.
 *
 * Unlike lumberjack, two rotations within the same millisecond get distinct
 * names (the later one is stamped a millisecond on) instead of overwriting.
 */
export class RotatingLogWriter {
  private readonly path: string;
  private readonly layout: BackupLayout;
  private readonly now: () => Date;
  private readonly fileMode: number;
  private fd: number | undefined;
  private handle: FileHandle | undefined;
  private size = 0;
  private lastBackupMs = -Infinity;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  readonly stats: RotationStats = { rotations: 0, bytesWritten: 0 };

  constructor(private readonly options: RotatingLogWriterOptions) {
    if (!(options.maxSizeBytes > 0)) throw new RangeError('maxSizeBytes must be positive');
    if (!Number.isInteger(options.maxBackups) || options.maxBackups < 0) throw new RangeError('maxBackups must be a non-negative integer');
    this.path = options.path;
    this.layout = backupLayout(options.path);
    this.now = options.now ?? (() => new Date());
    this.fileMode = options.fileMode ?? 0o600;
  }

  /** Appends the events, rotating as needed. Throws if one event alone is larger than maxSizeBytes. */
  write(events: readonly AuditEvent[]): void {
    this.assertOpen();
    if (this.handle) throw new Error('RotatingLogWriter: do not mix write() with writeAsync()');
    for (const chunk of this.chunks(events)) {
      if (chunk.rotateFirst) this.rotateSync();
      else if (this.fd === undefined) this.openExistingOrNewSync();
      let offset = 0;
      while (offset < chunk.bytes.length) offset += writeSync(this.fd as number, chunk.bytes, offset);
      this.size += chunk.bytes.length;
      this.stats.bytesWritten += chunk.bytes.length;
    }
  }

  /** Same as write() with non-blocking file I/O; calls are serialized in order. */
  writeAsync(events: readonly AuditEvent[]): Promise<void> {
    this.assertOpen();
    if (this.fd !== undefined) return Promise.reject(new Error('RotatingLogWriter: do not mix write() with writeAsync()'));
    const run = async () => {
      for (const chunk of this.chunks(events)) {
        if (chunk.rotateFirst) await this.rotateAsync();
        else if (!this.handle) await this.openExistingOrNewAsync();
        let offset = 0;
        while (offset < chunk.bytes.length) offset += (await (this.handle as FileHandle).write(chunk.bytes, offset)).bytesWritten;
        this.size += chunk.bytes.length;
        this.stats.bytesWritten += chunk.bytes.length;
      }
    };
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Closes the active file; after writeAsync() prefer closeAsync() to know when it is done. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.handle) void this.queue.then(() => this.handle?.close());
  }

  async closeAsync(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    await this.handle?.close();
    this.handle = undefined;
  }

  /**
   * Groups lines into writes that fit the current file. The size bookkeeping
   * runs ahead of the actual writes, which is safe because chunks are written
   * strictly in order.
   */
  private *chunks(events: readonly AuditEvent[]): Generator<{ bytes: Buffer; rotateFirst: boolean }> {
    const max = this.options.maxSizeBytes;
    let pending: Buffer[] = [];
    let pendingSize = 0;
    let rotateFirst = false;
    // lumberjack rotates a file it resumes when the first write would reach the limit
    // exactly, and a file it holds open only when a write would exceed it.
    let resuming = this.fd === undefined && !this.handle && existsSync(this.path);
    let projected = resuming ? this.existingSize() : this.size;
    for (const event of events) {
      const line = Buffer.from(`${JSON.stringify(event)}\n`, 'utf8');
      if (line.length > max) throw new Error(`write length ${line.length} exceeds maximum file size ${max}`);
      const full = resuming ? projected + line.length >= max : projected + line.length > max;
      resuming = false;
      if (full) {
        if (pending.length > 0) yield { bytes: Buffer.concat(pending, pendingSize), rotateFirst };
        pending = [];
        pendingSize = 0;
        rotateFirst = true;
        projected = 0;
      }
      pending.push(line);
      pendingSize += line.length;
      projected += line.length;
    }
    if (pending.length > 0) yield { bytes: Buffer.concat(pending, pendingSize), rotateFirst };
  }

  /** Size of the file we would append to on first open (lumberjack resumes an existing file). */
  private existingSize(): number {
    try {
      return statSync(this.path).size;
    } catch {
      return 0;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('RotatingLogWriter is closed');
  }

  private nextBackupMs(nowMs = this.now().getTime()): number {
    let ms = Math.max(nowMs, this.lastBackupMs + 1);
    while (existsSync(backupPath(this.layout, backupName(this.layout, ms)))) ms++;
    this.lastBackupMs = ms;
    return ms;
  }

  /** Whether the first write fits was already decided by chunks(). */
  private openExistingOrNewSync(): void {
    mkdirSync(this.layout.dir, { recursive: true, mode: 0o755 });
    if (!existsSync(this.path)) return this.openNewSync();
    this.fd = openSync(this.path, 'a', this.fileMode);
    this.size = this.existingSize();
  }

  private openNewSync(nowMs?: number): void {
    mkdirSync(this.layout.dir, { recursive: true, mode: 0o755 });
    if (existsSync(this.path)) renameSync(this.path, backupPath(this.layout, backupName(this.layout, this.nextBackupMs(nowMs))));
    this.fd = openSync(this.path, 'w', this.fileMode);
    this.size = 0;
  }

  private rotateSync(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    const nowMs = this.now().getTime();
    this.openNewSync(nowMs);
    this.stats.rotations++;
    for (const stale of backupsToRemove(
      listBackups(this.layout, readdirSync(this.layout.dir)),
      this.options.maxBackups,
      this.options.maxAgeDays ?? 0,
      nowMs,
    )) {
      unlinkSync(backupPath(this.layout, stale.name));
    }
  }

  private async openExistingOrNewAsync(): Promise<void> {
    await mkdir(this.layout.dir, { recursive: true, mode: 0o755 });
    const existing = await stat(this.path).catch(() => undefined);
    if (!existing) return this.openNewAsync();
    this.handle = await open(this.path, 'a', this.fileMode);
    this.size = existing.size;
  }

  private async openNewAsync(nowMs?: number): Promise<void> {
    await mkdir(this.layout.dir, { recursive: true, mode: 0o755 });
    if (await stat(this.path).catch(() => undefined)) {
      await rename(this.path, backupPath(this.layout, backupName(this.layout, this.nextBackupMs(nowMs))));
    }
    this.handle = await open(this.path, 'w', this.fileMode);
    this.size = 0;
  }

  private async rotateAsync(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    const nowMs = this.now().getTime();
    await this.openNewAsync(nowMs);
    this.stats.rotations++;
    const names = await readdir(this.layout.dir);
    for (const stale of backupsToRemove(listBackups(this.layout, names), this.options.maxBackups, this.options.maxAgeDays ?? 0, nowMs)) {
      await unlink(backupPath(this.layout, stale.name));
    }
  }
}
