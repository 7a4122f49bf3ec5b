import type { HeartbeatInput } from '@kubetrail/contracts';
import type { Logger } from '../log';
import type { CallOutcome } from '../transport/ingest-client';
import { sleep } from '../util/sleep';

export interface HeartbeatSink {
  heartbeat(input: HeartbeatInput, signal?: AbortSignal): Promise<CallOutcome<unknown>>;
}

export interface HeartbeatOptions {
  client: HeartbeatSink;
  log: Logger;
  intervalSeconds: () => number;
  /** what the agent reports about itself at this moment */
  snapshot: () => HeartbeatInput;
}

/** Tells the platform the agent is alive even when the cluster is quiet, so silence is not mistaken for loss. */
export class Heartbeats {
  #abort = new AbortController();
  #loop: Promise<void> | null = null;
  #failing = false;

  constructor(private readonly opts: HeartbeatOptions) {}

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
  }

  async beat(): Promise<void> {
    const input = this.opts.snapshot();
    const outcome = await this.opts.client.heartbeat(input, this.#abort.signal);
    if (outcome.kind === 'ok') {
      if (this.#failing) this.opts.log.info('heartbeat delivered again');
      this.#failing = false;
      this.opts.log.debug('heartbeat sent', { ...input });
      return;
    }
    if (this.#abort.signal.aborted) return;
    const fields = { status: 'status' in outcome ? outcome.status : undefined, message: outcome.message };
    if (!this.#failing) this.opts.log.warn('heartbeat failed', fields);
    this.#failing = true;
  }

  async #run(): Promise<void> {
    while (!this.#abort.signal.aborted) {
      try {
        await this.beat();
      } catch (err) {
        this.opts.log.warn('heartbeat failed', { error: err });
      }
      await sleep(this.opts.intervalSeconds() * 1000, this.#abort.signal);
    }
  }
}
