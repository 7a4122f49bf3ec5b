import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { fsyncDir, isTmpFile, TMP_SUFFIX, unlinkDurable } from '../state/atomic-file';
import { isInt, isObject } from '../state/shape';
import { isFilePosition } from '../tail/checkpoint';
import type { FilePosition } from '../tail/file-identity';
import { Signal } from '../util/sleep';

export interface SpoolHeader {
  version: 1;
  id: number;
  streamId: string;
  count: number;
  /** the oldest stageTimestamp among the events, for the heartbeat's lag */
  oldestStageTimestamp: string | null;
  /** tail mode: where reading stood right after the last line of this record */
  position: FilePosition | null;
  createdAt: string;
}

export interface SpoolRecord {
  header: SpoolHeader;
  /** each event exactly as it will be sent, one JSON text per entry */
  events: string[];
}

export interface NewRecord {
  events: string[];
  oldestStageTimestamp: string | null;
  position: FilePosition | null;
}

const NAME = /^(\d{12})\.ndjson$/;
const fileName = (id: number) => `${String(id).padStart(12, '0')}.ndjson`;

/**
 * The write-ahead spool: every batch is on disk (fsynced, atomically renamed)
 * before anything is sent, and leaves only once the platform acknowledged it.
 * Records are ordered by a local id; the sender takes them strictly in order.
 */
export class Spool {
  readonly changed = new Signal();
  #ids: number[] = [];
  #sizes = new Map<number, number>();
  #bytes = 0;
  #nextId: number;
  #publishedThrough: number;
  #writes: Promise<unknown> = Promise.resolve();
  // The record written last, kept so the sender (usually right behind the writer) need not read it back.
  #recent: SpoolRecord | null = null;

  private constructor(
    readonly dir: string,
    private readonly streamId: string,
    private readonly log: Logger,
    nextId: number,
  ) {
    this.#nextId = nextId;
    this.#publishedThrough = nextId - 1;
  }

  /**
   * `doneThrough`: records up to this id were fully handled by the sender (left
   * behind by a crash before their deletion). `minNextId` keeps new ids above
   * every id the checkpoint or sender state ever mentioned, even when the spool is empty.
   */
  static async open(dir: string, opts: { streamId: string; doneThrough: number; minNextId: number; log: Logger }): Promise<Spool> {
    await mkdir(dir, { recursive: true });
    const ids: number[] = [];
    for (const name of await readdir(dir)) {
      if (isTmpFile(name)) {
        await unlink(join(dir, name));
        opts.log.info('removed partial spool file', { file: name });
        continue;
      }
      const m = NAME.exec(name);
      if (!m) continue;
      const id = Number(m[1]);
      if (id <= opts.doneThrough) await unlinkDurable(join(dir, name));
      else ids.push(id);
    }
    ids.sort((a, b) => a - b);
    const spool = new Spool(dir, opts.streamId, opts.log, Math.max(opts.minNextId, (ids.at(-1) ?? -1) + 1));
    for (const id of ids) spool.#track(id, (await stat(join(dir, fileName(id)))).size);
    spool.#publishedThrough = ids.at(-1) ?? spool.#nextId - 1;
    return spool;
  }

  get count(): number {
    return this.#ids.length;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The oldest record the sender may take, if any. */
  head(): number | undefined {
    const id = this.#ids[0];
    return id !== undefined && id <= this.#publishedThrough ? id : undefined;
  }

  newest(): number | undefined {
    return this.#ids.at(-1);
  }

  /**
   * Durably writes a record and returns its id. With `publish: false` the
   * sender does not see it until `publish(id)`: tail mode first records the
   * matching checkpoint, so an ack can never overtake it.
   */
  append(record: NewRecord, { publish = true } = {}): Promise<number> {
    const run = this.#writes.then(() => this.#write(record, publish));
    this.#writes = run.catch(() => {});
    return run;
  }

  publish(id: number): void {
    if (id > this.#publishedThrough) this.#publishedThrough = id;
    this.changed.notify();
  }

  /** Only the first line: enough to learn a record's position without loading its events. */
  async readHeader(id: number): Promise<SpoolHeader> {
    const handle = await open(join(this.dir, fileName(id)), 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
      const header = nl > 0 ? safeParse(buf.toString('utf8', 0, nl)) : undefined;
      if (!isHeader(header) || header.id !== id) throw new SpoolCorruptError(id, `spool record ${fileName(id)} has a damaged header`);
      return header;
    } finally {
      await handle.close();
    }
  }

  async read(id: number): Promise<SpoolRecord> {
    const recent = this.#recent;
    if (recent?.header.id === id) return recent;
    const text = await readFile(join(this.dir, fileName(id)), 'utf8');
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const header = safeParse(lines[0] ?? '');
    const events = lines.slice(1);
    if (!isHeader(header) || header.id !== id || header.count !== events.length) {
      throw new SpoolCorruptError(id, `spool record ${fileName(id)} is damaged (header or event count does not match)`);
    }
    return { header, events };
  }

  async remove(id: number): Promise<void> {
    await unlinkDurable(join(this.dir, fileName(id)));
    this.#untrack(id);
  }

  /** Moves a damaged record out of the way so the stream keeps flowing; an operator can inspect it. */
  async quarantine(id: number, rejectedDir: string): Promise<string> {
    await mkdir(rejectedDir, { recursive: true });
    const target = join(rejectedDir, `spool-${fileName(id)}`);
    await rename(join(this.dir, fileName(id)), target);
    await fsyncDir(this.dir);
    this.#untrack(id);
    return target;
  }

  async #write(record: NewRecord, publish: boolean): Promise<number> {
    const id = this.#nextId++;
    const header: SpoolHeader = {
      version: 1,
      id,
      streamId: this.streamId,
      count: record.events.length,
      oldestStageTimestamp: record.oldestStageTimestamp,
      position: record.position,
      createdAt: new Date().toISOString(),
    };
    const body = `${JSON.stringify(header)}\n${record.events.length ? `${record.events.join('\n')}\n` : ''}`;
    const final = join(this.dir, fileName(id));
    const tmp = join(this.dir, `.${fileName(id)}${TMP_SUFFIX}`);
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, final);
    await fsyncDir(this.dir);
    this.#track(id, Buffer.byteLength(body));
    this.#recent = { header, events: record.events };
    this.log.debug('batch spooled', { spoolId: id, events: record.events.length });
    if (publish) this.publish(id);
    return id;
  }

  #track(id: number, size: number): void {
    this.#ids.push(id);
    this.#sizes.set(id, size);
    this.#bytes += size;
  }

  #untrack(id: number): void {
    if (this.#recent?.header.id === id) this.#recent = null;
    const idx = this.#ids.indexOf(id);
    if (idx >= 0) this.#ids.splice(idx, 1);
    this.#bytes -= this.#sizes.get(id) ?? 0;
    this.#sizes.delete(id);
  }
}

export class SpoolCorruptError extends Error {
  constructor(
    readonly id: number,
    message: string,
  ) {
    super(message);
    this.name = 'SpoolCorruptError';
  }
}

function isHeader(v: unknown): v is SpoolHeader {
  return (
    isObject(v) &&
    v.version === 1 &&
    isInt(v.id) &&
    isInt(v.count) &&
    typeof v.streamId === 'string' &&
    (v.oldestStageTimestamp === null || typeof v.oldestStageTimestamp === 'string') &&
    (v.position === null || isFilePosition(v.position))
  );
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
