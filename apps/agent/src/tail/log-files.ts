import type { BigIntStats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/**
 * kube-apiserver rotates with lumberjack: `kubernetes.audit` becomes
 * `kubernetes-2026-11-23T17-39-32.123.audit` (the name without extension,
 * `-`, a UTC timestamp, the extension) and a new empty file takes its place.
 * Compressed backups (`.gz`) are finished files we never read.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})$/;

export interface BackupNaming {
  prefix: string;
  ext: string;
}

export function backupNaming(activePath: string): BackupNaming {
  const name = basename(activePath);
  const ext = extname(name);
  return { prefix: `${name.slice(0, name.length - ext.length)}-`, ext };
}

/** The rotation time encoded in a backup's name, or undefined when the name is not one of ours. */
export function backupTime(name: string, naming: BackupNaming): number | undefined {
  if (!name.startsWith(naming.prefix) || !name.endsWith(naming.ext)) return undefined;
  const stamp = name.slice(naming.prefix.length, name.length - naming.ext.length);
  const m = TIMESTAMP.exec(stamp);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
  return Number.isNaN(t) ? undefined : t;
}

/** Lumberjack's name for a backup rotated at `time` (used by tests and tools that mimic the apiserver). */
export function backupName(activePath: string, time: Date): string {
  const { prefix, ext } = backupNaming(activePath);
  const stamp = time.toISOString().replace(/:/g, '-').replace(/Z$/, '');
  return join(dirname(activePath), `${prefix}${stamp}${ext}`);
}

export interface LogFile {
  path: string;
  stat: BigIntStats;
  active: boolean;
}

/** Every file of the lineage, oldest first; the active file (if present) last. */
export async function listLogFiles(activePath: string): Promise<LogFile[]> {
  const dir = dirname(activePath);
  const naming = backupNaming(activePath);
  // The active file is looked at before the directory: if a rotation happens in between, its new
  // backup name is in the listing, so no file of the lineage can slip between the two looks.
  const active = await statOrUndefined(activePath);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const backups: Array<LogFile & { time: number }> = [];
  for (const name of names) {
    const time = backupTime(name, naming);
    if (time === undefined) continue;
    const st = await statOrUndefined(join(dir, name));
    if (st?.isFile()) backups.push({ path: join(dir, name), stat: st, active: false, time });
  }
  backups.sort((a, b) => a.time - b.time || Number(a.stat.mtimeNs - b.stat.mtimeNs));
  const files: LogFile[] = backups.map(({ path, stat: st, active: a }) => ({ path, stat: st, active: a }));
  const rotatedMeanwhile = files.some((f) => f.stat.ino === active?.ino && f.stat.dev === active.dev);
  if (active?.isFile() && !rotatedMeanwhile) files.push({ path: activePath, stat: active, active: true });
  return files;
}

export async function statOrUndefined(path: string): Promise<BigIntStats | undefined> {
  try {
    return await stat(path, { bigint: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}
