import { join } from 'node:path';
import { DEFAULT_LIMITS } from '@kubetrail/contracts/core';
import { parseAgentConfig, type AgentSettings } from '../transport/responses';
import type { Logger } from '../log';
import { readTextIfExists, writeFileAtomic } from '../state/atomic-file';
import type { CallOutcome } from '../transport/ingest-client';
import { Signal } from '../util/sleep';

/** Used until the platform (or the cache) says otherwise: collect everything, within the ingest's default limits. */
export const FALLBACK_CONFIG: AgentSettings = {
  clusterId: '',
  auditEnabled: true,
  policy: null,
  limits: {
    maxEventsPerBatch: DEFAULT_LIMITS.maxEventsPerBatch,
    maxBodyBytes: DEFAULT_LIMITS.maxBodyBytes,
    maxEventBytes: DEFAULT_LIMITS.maxEventBytes,
  },
  heartbeatIntervalSeconds: 30,
  configPollSeconds: 30,
};

export interface ConfigSource {
  config(signal?: AbortSignal): Promise<CallOutcome<AgentSettings>>;
}

/**
 * Fetches the cluster's agent config at start and every configPollSeconds,
 * caching the last good one on disk so a restart while the platform is down
 * still applies the right policy and limits.
 */
export class ConfigPoller {
  #config: AgentSettings;
  // Counts config requests; a refusal is lifted only by an answer to a request sent after it.
  #requests = 0;
  #suspendedAfter: number | null = null;
  #wake = new Signal();
  #abort = new AbortController();
  #loop: Promise<void> | null = null;
  #failing = false;
  readonly #cachePath: string;
  readonly #listeners: Array<(c: AgentSettings) => void> = [];

  private constructor(
    stateDir: string,
    private readonly source: ConfigSource,
    private readonly log: Logger,
    initial: AgentSettings,
  ) {
    this.#cachePath = join(stateDir, 'config.json');
    this.#config = initial;
  }

  static async create(stateDir: string, source: ConfigSource, log: Logger): Promise<ConfigPoller> {
    const text = await readTextIfExists(join(stateDir, 'config.json'));
    let initial = FALLBACK_CONFIG;
    if (text !== undefined) {
      try {
        initial = parseAgentConfig(JSON.parse(text));
        log.info('using cached config until the platform answers', { clusterId: initial.clusterId, auditEnabled: initial.auditEnabled });
      } catch (err) {
        log.warn('cached config is unreadable; ignoring it', { error: err });
      }
    }
    return new ConfigPoller(stateDir, source, log, initial);
  }

  get config(): AgentSettings {
    return this.#config;
  }

  /** False while the cluster's auditing is off (per config, or per a refusal newer than the last config). */
  get auditEnabled(): boolean {
    return this.#config.auditEnabled && this.#suspendedAfter === null;
  }

  onChange(listener: (c: AgentSettings) => void): void {
    this.#listeners.push(listener);
  }

  /** The platform refused a batch because auditing is off: stop sending now, and ask for the config at once. */
  auditDisabledByPlatform(): void {
    if (this.#suspendedAfter === null) this.log.warn('auditing is disabled for this cluster; discarding events until it is enabled');
    this.#suspendedAfter = this.#requests;
    this.#wake.notify();
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
  }

  /** One fetch; resolves once the result is applied. */
  async refresh(): Promise<void> {
    const request = ++this.#requests;
    const outcome = await this.source.config(this.#abort.signal);
    if (outcome.kind !== 'ok') {
      if (this.#abort.signal.aborted) return;
      const fields = { status: 'status' in outcome ? outcome.status : undefined, message: outcome.message };
      if (!this.#failing) this.log.warn('cannot fetch config; keeping the last known one', fields);
      else this.log.debug('config fetch failed again', fields);
      this.#failing = true;
      return;
    }
    this.#failing = false;
    const before = this.auditEnabled;
    const changed = JSON.stringify(outcome.data) !== JSON.stringify(this.#config);
    this.#config = outcome.data;
    if (this.#suspendedAfter !== null && request > this.#suspendedAfter) this.#suspendedAfter = null;
    if (changed) {
      // Listeners run before the disk write: whoever sees the new config must find it applied (policy, limits).
      for (const listener of this.#listeners) listener(outcome.data);
      this.log.info('config updated', {
        clusterId: outcome.data.clusterId,
        auditEnabled: outcome.data.auditEnabled,
        policyVersion: outcome.data.policy?.version ?? null,
        limits: outcome.data.limits,
      });
      await writeFileAtomic(this.#cachePath, `${JSON.stringify(outcome.data)}\n`).catch((err) =>
        this.log.warn('cannot cache config', { error: err }),
      );
    }
    if (before !== this.auditEnabled) {
      if (this.auditEnabled) this.log.info('auditing is enabled for this cluster; sending resumes');
      else this.log.warn('auditing is disabled for this cluster; discarding events until it is enabled');
    }
  }

  async #run(): Promise<void> {
    while (!this.#abort.signal.aborted) {
      try {
        await this.refresh();
      } catch (err) {
        this.log.warn('config refresh failed', { error: err });
      }
      await this.#wake.wait(this.#config.configPollSeconds * 1000, this.#abort.signal);
    }
  }
}
