import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type { ErrorCode, HeartbeatInput, PushBatchResult } from '@kubetrail/contracts';
import { parseAgentConfig, parsePushResult, type AgentSettings } from './responses';
import { parseRetryAfter } from './backoff';
import { sendRequest, type HttpResponse } from './http-request';

const gzip = promisify(gzipCb);

/** How the ingest answered, sorted by what the agent must do about it. */
export type CallOutcome<T> =
  | { kind: 'ok'; data: T }
  /** the cluster's auditing is off: the platform refused the batch on purpose */
  | { kind: 'audit-disabled'; message: string }
  /** the platform will never take this request as it is (400, 413) */
  | { kind: 'refused'; status: number; appCode: string | undefined; message: string }
  /**
   * Try again later. `maybeDelivered` is true when the request may have been
   * stored although no success came back (network error, timeout, 5xx).
   */
  | {
      kind: 'retry';
      status: number | undefined;
      appCode: string | undefined;
      message: string;
      retryAfterMs: number | undefined;
      maybeDelivered: boolean;
    };

export interface IngestClientOptions {
  server: string;
  token: string;
  timeoutMs?: number;
  userAgent?: string;
}

/** A few lines of HTTP instead of a tRPC client: the agent ships alone and speaks a tiny, fixed protocol. */
export class IngestClient {
  readonly base: string;

  constructor(private readonly opts: IngestClientOptions) {
    this.base = `${opts.server.replace(/\/+$/, '')}/trpc`;
  }

  /** `body` is the PushBatchInput JSON, assembled from spooled event texts without re-parsing them. */
  async pushBatch(body: string, signal?: AbortSignal): Promise<CallOutcome<PushBatchResult>> {
    const payload = await gzip(Buffer.from(body), { level: 6 });
    return this.#call('agent.pushBatch', { method: 'POST', body: payload, encoding: 'gzip' }, signal, parsePushResult);
  }

  heartbeat(input: HeartbeatInput, signal?: AbortSignal): Promise<CallOutcome<unknown>> {
    return this.#call('agent.heartbeat', { method: 'POST', body: Buffer.from(JSON.stringify(input)) }, signal, (d) => d);
  }

  config(signal?: AbortSignal): Promise<CallOutcome<AgentSettings>> {
    return this.#call('agent.config', { method: 'GET' }, signal, parseAgentConfig);
  }

  async #call<T>(
    procedure: string,
    req: { method: 'GET' | 'POST'; body?: Buffer; encoding?: 'gzip' },
    signal: AbortSignal | undefined,
    decode: (data: unknown) => T,
  ): Promise<CallOutcome<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.token}`, accept: 'application/json' };
    if (this.opts.userAgent) headers['user-agent'] = this.opts.userAgent;
    if (req.body) headers['content-type'] = 'application/json';
    if (req.encoding) headers['content-encoding'] = req.encoding;
    let res: HttpResponse;
    try {
      res = await sendRequest(new URL(`${this.base}/${procedure}`), {
        method: req.method,
        headers,
        ...(req.body ? { body: req.body } : {}),
        ...(signal ? { signal } : {}),
        timeoutMs: this.opts.timeoutMs ?? 60_000,
      });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const message = e.code ? `${e.code}: ${e.message}` : e.message;
      return { kind: 'retry', status: undefined, appCode: undefined, message, retryAfterMs: undefined, maybeDelivered: true };
    }
    const { text } = res;
    const body = safeJson(text);
    if (res.status >= 200 && res.status < 300) {
      const data = (body as { result?: { data?: unknown } } | undefined)?.result?.data;
      try {
        return { kind: 'ok', data: decode(data) };
      } catch (err) {
        return {
          kind: 'retry',
          status: res.status,
          appCode: undefined,
          message: `unexpected answer: ${(err as Error).message}`,
          retryAfterMs: undefined,
          maybeDelivered: true,
        };
      }
    }
    const retryAfter = res.headers['retry-after'];
    return classifyError(res.status, body, text, parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null));
  }
}

function classifyError(status: number, body: unknown, text: string, retryAfterMs: number | undefined): CallOutcome<never> {
  const error = (body as { error?: { message?: unknown; data?: { appCode?: unknown } } } | undefined)?.error;
  const appCode = typeof error?.data?.appCode === 'string' ? (error.data.appCode as ErrorCode) : undefined;
  const message = typeof error?.message === 'string' ? error.message : text.slice(0, 500) || `HTTP ${status}`;
  if (status === 403 && appCode === 'AUDIT_DISABLED') return { kind: 'audit-disabled', message };
  if (status === 400 || status === 413) return { kind: 'refused', status, appCode, message };
  // 503 and 429 are the ingest saying "not now" before storing anything; other 5xx and 408 may come
  // after the batch was stored (a crash or a proxy timing out), so they count as maybe delivered.
  const maybeDelivered = (status >= 500 && status !== 503) || status === 408;
  return { kind: 'retry', status, appCode, message, retryAfterMs, maybeDelivered };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
