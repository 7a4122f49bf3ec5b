import type { Logger } from '../log';
import { SpoolCorruptError, type Spool } from '../spool/spool';
import type { Checkpoint } from './checkpoint';
import type { FilePosition } from './file-identity';

export interface StartPoint {
  position: FilePosition | undefined;
  /** newest spool record covered by `position` */
  spoolId: number | null;
}

/**
 * Where reading resumes. Normally the checkpoint; but a kill between writing
 * a spool record and writing its checkpoint leaves a record newer than the
 * checkpoint, and reading from the checkpoint would spool its events twice.
 */
export async function resolveStart(spool: Spool, checkpoint: Checkpoint | undefined, log: Logger): Promise<StartPoint> {
  const fromCheckpoint: StartPoint = { position: checkpoint?.position, spoolId: checkpoint?.spoolId ?? null };
  const newest = spool.newest();
  if (newest === undefined || newest <= (checkpoint?.spoolId ?? -1)) return fromCheckpoint;
  try {
    const header = await spool.readHeader(newest);
    if (!header.position) return fromCheckpoint;
    log.info('checkpoint is older than the spool (stopped between the two writes); resuming after the newest spooled batch', {
      spoolId: newest,
      path: header.position.path,
      offset: header.position.offset,
    });
    return { position: header.position, spoolId: newest };
  } catch (err) {
    if (!(err instanceof SpoolCorruptError)) throw err;
    log.warn('newest spool record is damaged; resuming from the checkpoint', { spoolId: newest });
    return fromCheckpoint;
  }
}
