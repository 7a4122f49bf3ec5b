import { join } from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../state/atomic-file';
import { isInt, isIntOrNull, isObject } from '../state/shape';

/**
 * What the sender has done, in one small file that is replaced atomically at
 * every step. Spool records are never rewritten: a batch is a slice
 * (`skip`, `take`) of the head record, so splitting a refused batch or
 * resuming after `kill -9` changes only this file.
 */
export interface SenderState {
  version: 1;
  /** highest seq the platform may have stored: the next batch gets lastSeq + 1 */
  lastSeq: number | null;
  /** highest seq the platform acknowledged (the heartbeat's lastSeq) */
  lastAckedSeq: number | null;
  /** every spool record with an id up to this one is fully handled */
  doneThrough: number;
  /** events already handled at the front of the record right after doneThrough */
  skip: number;
  /**
   * The batch on the wire, or possibly delivered before a crash: it is resent
   * with exactly this seq and these events until the platform answers.
   */
  inFlight: { spoolId: number; seq: number; take: number } | null;
}

export const INITIAL_SENDER_STATE: SenderState = {
  version: 1,
  lastSeq: null,
  lastAckedSeq: null,
  doneThrough: -1,
  skip: 0,
  inFlight: null,
};

export class SenderStateStore {
  readonly path: string;

  constructor(stateDir: string) {
    this.path = join(stateDir, 'sender.json');
  }

  async load(): Promise<SenderState> {
    const text = await readTextIfExists(this.path);
    if (text === undefined) return INITIAL_SENDER_STATE;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      throw new Error(`${this.path} is not valid JSON (${(err as Error).message})`);
    }
    const f = isObject(v) && isObject(v.inFlight) ? v.inFlight : null;
    const inFlightOk =
      isObject(v) && (v.inFlight === null || (f !== null && isInt(f.spoolId) && isInt(f.seq) && isInt(f.take) && f.take > 0));
    if (
      !isObject(v) ||
      v.version !== 1 ||
      !isIntOrNull(v.lastSeq) ||
      !isIntOrNull(v.lastAckedSeq) ||
      !isInt(v.doneThrough) ||
      !isInt(v.skip) ||
      !inFlightOk
    ) {
      throw new Error(`${this.path} is not a version 1 sender state`);
    }
    return v as unknown as SenderState;
  }

  async save(state: SenderState): Promise<void> {
    await writeFileAtomic(this.path, `${JSON.stringify(state)}\n`);
  }
}
