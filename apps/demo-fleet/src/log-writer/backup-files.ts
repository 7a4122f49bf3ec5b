import { basename, dirname, extname, join } from 'node:path';

/**
 * Naming and retention of rotated files, the way lumberjack (the logger
 * behind kube-apiserver's --audit-log-* flags) does it: `<name>-<UTC time
 * 2006-01-02T15-04-05.000><ext>` next to the active file.
 */
export interface BackupLayout {
  dir: string;
  prefix: string;
  ext: string;
}

export interface BackupFile {
  name: string;
  timestampMs: number;
}

export function backupLayout(path: string): BackupLayout {
  const file = basename(path);
  const ext = extname(file);
  return { dir: dirname(path), prefix: `${file.slice(0, file.length - ext.length)}-`, ext };
}

function formatBackupTimestamp(ms: number): string {
  // 2026-11-23T17:39:32.123Z → 2026-11-23T17-39-32.123
  return new Date(ms).toISOString().slice(0, -1).replace(/:/g, '-');
}

export function backupName(layout: BackupLayout, ms: number): string {
  return `${layout.prefix}${formatBackupTimestamp(ms)}${layout.ext}`;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})$/;

/** The backups among a directory listing, newest first; lumberjack also counts compressed ones. */
export function listBackups(layout: BackupLayout, names: readonly string[]): BackupFile[] {
  const found: BackupFile[] = [];
  for (const name of names) {
    if (!name.startsWith(layout.prefix)) continue;
    const ext = name.endsWith(`${layout.ext}.gz`) ? `${layout.ext}.gz` : name.endsWith(layout.ext) ? layout.ext : undefined;
    if (ext === undefined) continue;
    const match = TIMESTAMP.exec(name.slice(layout.prefix.length, name.length - ext.length));
    if (!match) continue;
    const [, y, mo, d, h, mi, s, ms] = match.map(Number);
    found.push({ name, timestampMs: Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s, ms) });
  }
  return found.sort((a, b) => b.timestampMs - a.timestampMs || (a.name < b.name ? 1 : -1));
}

/** Backups to delete: beyond the newest `maxBackups` (0 keeps all), or older than `maxAgeDays`. */
export function backupsToRemove(backups: readonly BackupFile[], maxBackups: number, maxAgeDays: number, nowMs: number): BackupFile[] {
  const cutoff = maxAgeDays > 0 ? nowMs - maxAgeDays * 86_400_000 : -Infinity;
  return backups.filter((b, index) => (maxBackups > 0 && index >= maxBackups) || b.timestampMs < cutoff);
}

export function backupPath(layout: BackupLayout, name: string): string {
  return join(layout.dir, name);
}
