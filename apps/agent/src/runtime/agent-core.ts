import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HeartbeatInput } from '@kubetrail/contracts';
import type { BatchLimits } from '../batch/batcher';
import type { CommonOptions } from '../config/args';
import type { Logger } from '../log';
import { PolicyFilter } from '../policy/policy-filter';
import { Sender } from '../send/sender';
import { SenderStateStore, type SenderState } from '../send/sender-state';
import { Spool } from '../spool/spool';
import { removeTmpFiles } from '../state/atomic-file';
import { acquireStateLock } from '../state/state-lock';
import { RejectStore } from '../state/reject-store';
import { loadOrCreateStreamId } from '../state/stream-id';
import type { BackoffOptions } from '../transport/backoff';
import { IngestClient } from '../transport/ingest-client';
import { AGENT_VERSION } from '../version';
import { ConfigPoller } from './config-poller';
import { Heartbeats } from './heartbeat';
import { collectAfterBatch } from './memory';

export type CoreOptions = CommonOptions & {
  mode: HeartbeatInput['mode'];
  log: Logger;
  backoff?: BackoffOptions;
};

/**
 * What both modes share: the state dir, the spool and its sender, config
 * polling and heartbeats. A mode only turns its input into spooled batches.
 */
export class AgentCore {
  oldestUnspooled: () => string | null = () => null;

  private constructor(
    readonly opts: CoreOptions,
    readonly streamId: string,
    readonly spool: Spool,
    readonly sender: Sender,
    readonly poller: ConfigPoller,
    readonly policy: PolicyFilter,
    readonly heartbeats: Heartbeats,
    readonly rejects: RejectStore,
    private readonly releaseLock: () => Promise<void>,
  ) {}

  /** `minSpoolId`: ids the mode's own state refers to (the checkpoint), so they are never reused. */
  static async open(opts: CoreOptions, loadModeState: () => Promise<{ minSpoolId: number }>): Promise<AgentCore> {
    const { log, stateDir } = opts;
    await mkdir(stateDir, { recursive: true, mode: 0o700 });
    const releaseLock = await acquireStateLock(stateDir);
    try {
      const removed = await removeTmpFiles(stateDir);
      if (removed.length) log.info('removed partial state files', { files: removed });
      const streamId = await loadOrCreateStreamId(stateDir);
      const client = new IngestClient({ server: opts.server, token: opts.token, userAgent: `kubetrail-agent/${AGENT_VERSION}` });
      const poller = await ConfigPoller.create(stateDir, client, log);
      const policy = new PolicyFilter(poller.config);
      poller.onChange((config) => policy.update(config));
      const stateStore = new SenderStateStore(stateDir);
      const state: SenderState = await stateStore.load();
      const { minSpoolId } = await loadModeState();
      const spool = await Spool.open(join(stateDir, 'spool'), {
        streamId,
        doneThrough: state.doneThrough,
        minNextId: Math.max(minSpoolId, state.doneThrough + 1),
        log,
      });
      const rejects = new RejectStore(stateDir, log);
      // The sender and heartbeats ask the core for limits and a snapshot; the core needs them to exist first.
      const late: { core?: AgentCore } = {};
      const sender = new Sender({
        spool,
        stateStore,
        state,
        client,
        streamId,
        rejects,
        log,
        limits: () => late.core!.limits(),
        onAuditDisabled: () => poller.auditDisabledByPlatform(),
        onAcked: collectAfterBatch,
        ...(opts.backoff ? { backoff: opts.backoff } : {}),
      });
      const heartbeats = new Heartbeats({
        client,
        log,
        intervalSeconds: () => poller.config.heartbeatIntervalSeconds,
        snapshot: () => late.core!.heartbeat(),
      });
      const core = new AgentCore(opts, streamId, spool, sender, poller, policy, heartbeats, rejects, releaseLock);
      late.core = core;
      log.info('agent started', {
        mode: opts.mode,
        version: AGENT_VERSION,
        streamId,
        stateDir,
        server: opts.server,
        pendingBatches: spool.count,
        lastAckedSeq: state.lastAckedSeq,
      });
      return core;
    } catch (err) {
      await releaseLock();
      throw err;
    }
  }

  /** Starts sending, config polling and heartbeats (the first config fetch and heartbeat go out at once). */
  start(): void {
    this.poller.start();
    this.sender.start();
    this.heartbeats.start();
  }

  /** The flag limits, tightened by whatever the platform says it accepts. */
  limits(): BatchLimits {
    const { limits } = this.poller.config;
    return {
      maxEvents: Math.min(this.opts.batchMaxEvents, limits.maxEventsPerBatch),
      maxBytes: Math.min(this.opts.batchMaxBytes, limits.maxBodyBytes),
      maxWaitMs: this.opts.batchMaxWaitMs,
      maxEventBytes: limits.maxEventBytes,
    };
  }

  spoolFull(): boolean {
    return this.spool.bytes >= this.opts.spoolMaxBytes;
  }

  heartbeat(): HeartbeatInput {
    const stamps = [this.sender.oldestPendingTimestamp(), this.oldestUnspooled()]
      .map((t) => (t ? Date.parse(t) : NaN))
      .filter((t) => !Number.isNaN(t));
    const oldest = stamps.length ? Math.min(...stamps) : undefined;
    const lastSeq = this.sender.lastAckedSeq;
    return {
      streamId: this.streamId,
      agentVersion: AGENT_VERSION,
      ...(this.opts.kubernetesVersion ? { kubernetesVersion: this.opts.kubernetesVersion } : {}),
      mode: this.opts.mode,
      lagSeconds: oldest === undefined ? 0 : Math.max(0, Math.round(Date.now() - oldest) / 1000),
      pendingBatches: this.spool.count,
      ...(lastSeq !== null ? { lastSeq } : {}),
    };
  }

  /** Gives the sender `drainMs` to empty the spool; whatever is left stays spooled for the next start. */
  async close(drainMs: number): Promise<void> {
    await this.sender.stop(drainMs);
    await Promise.all([this.heartbeats.stop(), this.poller.stop()]);
    this.opts.log.info('agent stopped', { pendingBatches: this.spool.count, lastAckedSeq: this.sender.lastAckedSeq });
    await this.releaseLock();
  }
}
