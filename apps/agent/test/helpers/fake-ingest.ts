import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { after, before, beforeEach } from 'node:test';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { AgentConfig, AuditEvent, HeartbeatInput } from '@kubetrail/contracts';

export interface Push {
  streamId: string;
  seq: number;
  events: AuditEvent[];
  at: number;
  status: number;
}

export interface Reply {
  status: number;
  appCode?: string;
  retryAfter?: string;
  /** drop the connection without answering */
  hangUp?: boolean;
  /** with hangUp: store the batch first, as if only the answer got lost */
  afterStore?: boolean;
}

/** Decides how to answer a push; undefined = the normal behaviour (store, dedupe on stream+seq). */
export type Responder = (push: Omit<Push, 'status' | 'at'>, attempt: number) => Reply | undefined;

export const TEST_CONFIG: AgentConfig = {
  clusterId: 'c-test',
  auditEnabled: true,
  policy: null,
  limits: { maxEventsPerBatch: 10_000, maxBodyBytes: 16 * 1024 * 1024, maxEventBytes: 1024 * 1024 },
  heartbeatIntervalSeconds: 3600,
  configPollSeconds: 3600,
};

const TRPC_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** A tiny real HTTP server that speaks the ingest's agent protocol (tRPC over HTTP, gzip pushes). */
export class FakeIngest {
  readonly pushes: Push[] = [];
  /** accepted batches by `${streamId}:${seq}` */
  readonly stored = new Map<string, Push>();
  readonly heartbeats: HeartbeatInput[] = [];
  config: AgentConfig = { ...TEST_CONFIG };
  respond: Responder | undefined;
  token = 'test-token';
  #attempts = 0;

  private readonly server: Server = createServer((req, res) => void this.handle(req, res));

  listen(port = 0): Promise<void> {
    return new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Every stored event's auditID, in seq order. */
  storedAuditIds(): string[] {
    return [...this.stored.values()].sort((a, b) => a.seq - b.seq).flatMap((p) => p.events.map((e) => e.auditID));
  }

  storedSeqs(): number[] {
    return [...this.stored.values()].map((p) => p.seq).sort((a, b) => a - b);
  }

  /** Forgets everything received and the scripted answers (between tests sharing one server). */
  reset(): void {
    this.pushes.length = 0;
    this.stored.clear();
    this.heartbeats.length = 0;
    this.respond = undefined;
    this.config = { ...TEST_CONFIG };
    this.#attempts = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    if (req.headers.authorization !== `Bearer ${this.token}`) return error(res, 401, 'UNAUTHORIZED', 'bad token');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/trpc/agent.config' && req.method === 'GET') return ok(res, this.config);
    if (path === '/trpc/agent.heartbeat' && req.method === 'POST') {
      this.heartbeats.push(JSON.parse(body.toString()) as HeartbeatInput);
      return ok(res, { ok: true });
    }
    if (path !== '/trpc/agent.pushBatch' || req.method !== 'POST') return error(res, 404, 'NOT_FOUND', 'no such procedure');
    if (req.headers['content-encoding'] !== 'gzip') return error(res, 400, 'BAD_REQUEST', 'expected gzip');
    const input = JSON.parse(body.toString()) as Omit<Push, 'status' | 'at'>;
    const reply = this.respond?.(input, this.#attempts++);
    if (reply?.hangUp) {
      this.pushes.push({ ...input, at: Date.now(), status: 0 });
      const key = `${input.streamId}:${input.seq}`;
      if (reply.afterStore && !this.stored.has(key)) this.stored.set(key, { ...input, at: Date.now(), status: 200 });
      req.socket.destroy();
      return;
    }
    if (reply && reply.status !== 200) {
      this.pushes.push({ ...input, at: Date.now(), status: reply.status });
      if (reply.retryAfter) res.setHeader('retry-after', reply.retryAfter);
      return error(res, reply.status, reply.appCode ?? TRPC_CODES[reply.status] ?? 'ERROR', `refused with ${reply.status}`);
    }
    this.pushes.push({ ...input, at: Date.now(), status: 200 });
    const key = `${input.streamId}:${input.seq}`;
    const duplicate = this.stored.has(key);
    if (!duplicate) this.stored.set(key, { ...input, at: Date.now(), status: 200 });
    return ok(res, { batchId: key, accepted: duplicate ? 0 : input.events.length, duplicate });
  }
}

function ok(res: ServerResponse, data: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: { data } }));
}

function error(res: ServerResponse, status: number, appCode: string, message: string): void {
  const body = { error: { message, code: -32600, data: { code: TRPC_CODES[status] ?? 'ERROR', httpStatus: status, appCode } } };
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** One fake ingest for a test file: listening before its tests, reset before each one, closed after them all. */
export function useFakeIngest(): FakeIngest {
  const fake = new FakeIngest();
  before(() => fake.listen());
  after(() => fake.close());
  beforeEach(() => fake.reset());
  return fake;
}
