import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { writeFileAtomic } from './atomic-file';

export interface RejectedItem {
  /** short machine-readable cause, e.g. `event-too-large`, `refused-by-platform` */
  reason: string;
  message: string;
  /** the event exactly as it was serialized (or the raw log line), so nothing is altered before a human looks */
  raw?: string;
  source?: Record<string, unknown>;
  details?: Record<string, unknown>;
}

/**
 * Events the platform will never take are set aside on disk, not dropped:
 * an operator can inspect them and replay them by hand once the cause is fixed.
 */
export class RejectStore {
  #counter = 0;
  readonly dir: string;

  constructor(
    stateDir: string,
    private readonly log: Logger,
  ) {
    this.dir = join(stateDir, 'rejected');
  }

  async write(item: RejectedItem): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${process.pid}-${this.#counter++}-${item.reason}.json`;
    const path = join(this.dir, name);
    await writeFileAtomic(path, `${JSON.stringify({ at: new Date().toISOString(), ...item }, null, 2)}\n`);
    this.log.error('event rejected', { reason: item.reason, message: item.message, file: path, ...item.source });
    return path;
  }
}
