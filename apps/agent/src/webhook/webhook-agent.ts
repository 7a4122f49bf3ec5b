import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, DEFAULT_LIMITS } from '@kubetrail/contracts/core';
import type { AuditEvent } from '@kubetrail/contracts';
import { Batcher } from '../batch/batcher';
import { AgentCore, type CoreOptions } from '../runtime/agent-core';
import { createWebhookServer, type WebhookHandlerResult } from './webhook-server';

export type WebhookOptions = Omit<CoreOptions, 'mode'> & {
  listenHost: string;
  listenPort: number;
  bodyLimits?: { maxWireBytes: number; maxInflatedBytes: number };
};

/** Webhook mode: each accepted request becomes one spool record (all of it or none), then the usual sender. */
export class WebhookAgent {
  #discarded = 0;

  private constructor(
    private readonly opts: WebhookOptions,
    readonly core: AgentCore,
    private readonly server: Server,
  ) {}

  static async start(opts: WebhookOptions): Promise<WebhookAgent> {
    const core = await AgentCore.open({ ...opts, mode: 'webhook' }, async () => ({ minSpoolId: 0 }));
    const late: { agent?: WebhookAgent } = {};
    const server = createWebhookServer({
      log: opts.log,
      limits: opts.bodyLimits ?? { maxWireBytes: DEFAULT_LIMITS.maxBodyBytes, maxInflatedBytes: DEFAULT_LIMITS.maxInflatedBytes },
      onEvents: (events) => late.agent!.accept(events),
    });
    const agent = new WebhookAgent(opts, core, server);
    late.agent = agent;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.listenPort, opts.listenHost, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      await core.close(0);
      throw err;
    }
    core.start();
    opts.log.info('webhook listening', { address: agent.url });
    return agent;
  }

  get url(): string {
    const addr = this.server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    return `http://${host}:${addr.port}`;
  }

  async accept(events: AuditEvent[]): Promise<WebhookHandlerResult> {
    const { core } = this;
    if (core.spoolFull()) throw new AppError('OVERLOADED', 'the agent spool is full; retry later');
    if (!core.poller.auditEnabled) {
      this.#discarded += events.length;
      this.opts.log.info('events discarded while auditing is disabled', { discarded: events.length, total: this.#discarded });
      return { accepted: 0 };
    }
    const batcher = new Batcher({ limits: () => core.limits(), filter: core.policy.apply });
    const kept: string[] = [];
    let oldest: { text: string; ms: number } | null = null;
    for (const event of events) {
      const prepared = batcher.prepare(event);
      if (prepared.kind === 'filtered') continue;
      if (prepared.kind === 'reject') {
        await core.rejects.write({
          reason: prepared.reason,
          message: prepared.message,
          raw: prepared.json,
          source: { webhook: true, auditID: event.auditID },
        });
        continue;
      }
      kept.push(prepared.json);
      const ms = Date.parse(prepared.stageTimestamp);
      if (!oldest || ms < oldest.ms) oldest = { text: prepared.stageTimestamp, ms };
    }
    if (kept.length) await core.spool.append({ events: kept, oldestStageTimestamp: oldest?.text ?? null, position: null });
    return { accepted: kept.length };
  }

  async stop(drainMs = this.opts.drainTimeoutMs): Promise<void> {
    // Stop taking requests first; the ones in progress get drainMs to finish spooling.
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => this.server.closeAllConnections(), drainMs);
      this.server.close(() => {
        clearTimeout(force);
        resolve();
      });
      this.server.closeIdleConnections();
    });
    await this.core.close(drainMs);
  }
}
