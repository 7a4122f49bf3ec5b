import { Batcher } from '../batch/batcher';
import { AgentCore, type CoreOptions } from '../runtime/agent-core';
import { sleep } from '../util/sleep';
import { CheckpointStore, type Checkpoint } from './checkpoint';
import { decodeLine } from './decode-line';
import type { FilePosition } from './file-identity';
import { FileFollower, type FollowedFile, type Line } from './file-follower';
import { resolveStart } from './resume';

export type TailOptions = Omit<CoreOptions, 'mode'> & { file: string; chunkBytes?: number };

const IDLE_CHECKPOINT_MS = 1000;
const DISCARD_LOG_MS = 10_000;

/**
 * Tail mode: log lines → events → batches → spool (write-ahead) → checkpoint.
 * The checkpoint never passes an event that is not yet in the spool, and a
 * spooled batch is not offered to the sender before its checkpoint exists.
 */
export class TailAgent {
  #position: FilePosition | undefined;
  #checkpointed: FilePosition | undefined;
  #lastSpoolId: number | null;
  #lastCheckpointAt = 0;
  #discarded = 0;
  #invalidLines = 0;
  #lastDiscardLog = 0;
  #spoolFullLogged = false;
  #abort = new AbortController();
  #loop: Promise<void> = Promise.resolve();
  readonly #batcher: Batcher;

  private constructor(
    private readonly opts: TailOptions,
    readonly core: AgentCore,
    private readonly checkpoints: CheckpointStore,
    private readonly follower: FileFollower,
    start: { position: FilePosition | undefined; spoolId: number | null },
  ) {
    this.#position = start.position;
    this.#checkpointed = start.position;
    this.#lastSpoolId = start.spoolId;
    this.#batcher = new Batcher({ limits: () => core.limits(), filter: core.policy.apply });
    core.oldestUnspooled = () => this.#batcher.oldestStageTimestamp();
  }

  static async start(opts: TailOptions): Promise<TailAgent> {
    const checkpoints = new CheckpointStore(opts.stateDir);
    let checkpoint: Checkpoint | undefined;
    const core = await AgentCore.open({ ...opts, mode: 'tail' }, async () => {
      checkpoint = await checkpoints.load();
      return { minSpoolId: (checkpoint?.spoolId ?? -1) + 1 };
    });
    try {
      let start = await resolveStart(core.spool, checkpoint, opts.log);
      if (start.position) await checkpoints.save(start.position, start.spoolId);
      const follower = new FileFollower({
        path: opts.file,
        pollIntervalMs: opts.pollIntervalMs,
        log: opts.log,
        maxLineBytes: maxLineBytes(core.limits().maxEventBytes),
        ...(opts.chunkBytes ? { chunkBytes: opts.chunkBytes } : {}),
        onSkippedLine: async (s) => {
          await core.rejects.write({
            reason: s.reason,
            message: `${s.bytes}-byte line skipped; its first bytes are kept`,
            raw: s.head,
            source: { path: s.file.path, offset: s.offset, bytes: s.bytes },
          });
        },
      });
      core.poller.onChange((c) => (follower.maxLineBytes = maxLineBytes(c.limits.maxEventBytes)));
      await follower.start(start.position);
      const opened = follower.current();
      if (!start.position && opened) {
        // A first start records where it began at once: killed before its
        // first batch, it must resume here, not at whatever file is active
        // after the rotations in between.
        start = { position: { ...opened, offset: 0 }, spoolId: start.spoolId };
        await checkpoints.save(start.position!, start.spoolId);
      }
      const agent = new TailAgent(opts, core, checkpoints, follower, start);
      core.start();
      agent.#loop = agent.#run();
      return agent;
    } catch (err) {
      await core.close(0);
      throw err;
    }
  }

  /** Resolves when the read loop ends by itself (only on a fatal error). */
  get done(): Promise<void> {
    return this.#loop;
  }

  /** SIGTERM: stop reading, spool what is batched, checkpoint, then give the sender a moment to drain. */
  async stop(drainMs = this.opts.drainTimeoutMs): Promise<void> {
    this.#abort.abort();
    await this.#loop.catch(() => {});
    await this.follower.close();
    await this.core.close(drainMs);
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      if (this.core.spoolFull()) {
        if (!this.#spoolFullLogged)
          this.opts.log.warn('spool is full; reading paused until it drains', { spoolBytes: this.core.spool.bytes });
        this.#spoolFullLogged = true;
        await this.#tick();
        await sleep(this.opts.pollIntervalMs, signal);
        continue;
      }
      if (this.#spoolFullLogged) this.opts.log.info('spool drained; reading resumes', { spoolBytes: this.core.spool.bytes });
      this.#spoolFullLogged = false;
      const chunk = await this.follower.read(signal);
      if (chunk) {
        for (const line of chunk.lines) {
          await this.#handleLine(line, chunk.file);
          this.#position = { ...chunk.file, offset: line.end };
          if (this.#batcher.isFull()) await this.#flush();
        }
        this.#position = { ...chunk.file, offset: chunk.offset };
      }
      await this.#tick();
    }
    await this.#flush();
    await this.#checkpointIdle(true);
  }

  async #handleLine(line: Line, file: FollowedFile): Promise<void> {
    const decoded = decodeLine(line.text);
    if (decoded.kind === 'empty') return;
    if (decoded.kind === 'invalid') {
      this.#invalidLines++;
      this.opts.log.warn('skipping invalid line', {
        path: file.path,
        offset: line.start,
        reason: decoded.reason,
        invalidLines: this.#invalidLines,
      });
      return;
    }
    if (!this.core.poller.auditEnabled) {
      this.#discarded++;
      return;
    }
    const prepared = this.#batcher.prepare(decoded.event, line.text);
    if (prepared.kind === 'filtered') return;
    if (prepared.kind === 'reject') {
      await this.core.rejects.write({
        reason: prepared.reason,
        message: prepared.message,
        raw: prepared.json,
        source: { path: file.path, offset: line.start },
      });
      return;
    }
    if (!this.#batcher.fits(prepared)) await this.#flush();
    this.#batcher.push(prepared);
  }

  /** Spool first, checkpoint second, publish last: each step is safe to be killed after. */
  async #flush(): Promise<void> {
    if (this.#batcher.count === 0 || !this.#position) return;
    const batch = this.#batcher.take();
    const position = this.#position;
    const id = await this.core.spool.append(
      { events: batch.events, oldestStageTimestamp: batch.oldestStageTimestamp, position },
      { publish: false },
    );
    await this.checkpoints.save(position, id);
    this.#lastSpoolId = id;
    this.#checkpointed = position;
    this.#lastCheckpointAt = Date.now();
    this.core.spool.publish(id);
  }

  async #tick(): Promise<void> {
    if (this.#batcher.isDue()) await this.#flush();
    else await this.#checkpointIdle(false);
    if (this.#discarded > 0 && Date.now() - this.#lastDiscardLog >= DISCARD_LOG_MS) {
      this.opts.log.info('events discarded while auditing is disabled', { discarded: this.#discarded });
      this.#discarded = 0;
      this.#lastDiscardLog = Date.now();
    }
  }

  /** Lines that produced no batch (invalid, filtered, discarded) still move the checkpoint, at most once a second. */
  async #checkpointIdle(force: boolean): Promise<void> {
    const position = this.#position;
    if (!position || this.#batcher.count > 0 || samePosition(position, this.#checkpointed)) return;
    if (!force && Date.now() - this.#lastCheckpointAt < IDLE_CHECKPOINT_MS) return;
    await this.checkpoints.save(position, this.#lastSpoolId);
    this.#checkpointed = position;
    this.#lastCheckpointAt = Date.now();
  }
}

function samePosition(a: FilePosition, b: FilePosition | undefined): boolean {
  return !!b && a.ino === b.ino && a.dev === b.dev && a.offset === b.offset && a.fingerprint === b.fingerprint;
}

/** Lines far beyond the event limit can never be sent; the follower skips them without buffering. */
function maxLineBytes(maxEventBytes: number): number {
  return Math.max(2 * maxEventBytes, 1024 * 1024);
}
