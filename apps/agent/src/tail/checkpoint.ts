import { join } from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../state/atomic-file';
import { isInt, isObject } from '../state/shape';
import type { FilePosition } from './file-identity';

export interface Checkpoint {
  version: 1;
  position: FilePosition;
  /**
   * Id of the newest spool record whose events lie before `position`. A spool
   * record newer than this was written just before a crash that came before
   * the checkpoint; its own position is then the true place to resume.
   */
  spoolId: number | null;
}

export function isFilePosition(v: unknown): v is FilePosition {
  return (
    isObject(v) &&
    typeof v.dev === 'string' &&
    typeof v.ino === 'string' &&
    typeof v.fingerprint === 'string' &&
    isInt(v.fingerprintLength) &&
    isInt(v.offset) &&
    v.offset >= 0 &&
    typeof v.path === 'string' &&
    typeof v.mtimeMs === 'number'
  );
}

export class CheckpointStore {
  readonly path: string;
  #lastWritten = '';

  constructor(stateDir: string) {
    this.path = join(stateDir, 'checkpoint.json');
  }

  async load(): Promise<Checkpoint | undefined> {
    const text = await readTextIfExists(this.path);
    if (text === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`${this.path} is not valid JSON (${(err as Error).message}); move it away to start over`);
    }
    if (!isObject(json) || json.version !== 1 || !isFilePosition(json.position) || !(json.spoolId === null || isInt(json.spoolId))) {
      throw new Error(`${this.path} is not a version 1 checkpoint; move it away to start over`);
    }
    return { version: 1, position: json.position, spoolId: json.spoolId };
  }

  /** Skips the write (and its fsyncs) when nothing changed. */
  async save(position: FilePosition, spoolId: number | null): Promise<void> {
    const text = JSON.stringify({ version: 1, position, spoolId } satisfies Checkpoint);
    if (text === this.#lastWritten) return;
    await writeFileAtomic(this.path, `${text}\n`);
    this.#lastWritten = text;
  }
}
