import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AppError, HTTP_STATUS } from '@kubetrail/contracts';
import type { IngestDeps } from './deps';
import { sendError, sendJson, toAppError } from './http/respond';
import { handleWebhook } from './routes/webhook.route';
import { handleTrpc } from './trpc/trpc.route';

type Handler = (deps: IngestDeps, req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function healthz(deps: IngestDeps, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  const redis = await deps.pingRedis();
  sendJson(res, redis ? 200 : 503, { status: redis ? 'ok' : 'redis unreachable', queueDepth: deps.guard.queueDepth });
}

async function metrics(deps: IngestDeps, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  deps.metrics.queueDepth.set(deps.guard.queueDepth);
  const text = await deps.metrics.registry.metrics();
  res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
  res.end(text);
}

function route(method: string, path: string): { name: string; handler: Handler } | AppError {
  if (path.startsWith('/trpc/')) return { name: 'trpc', handler: handleTrpc };
  if (path === '/v1/webhook')
    return method === 'POST' ? { name: 'webhook', handler: handleWebhook } : new AppError('BAD_REQUEST', 'use POST for /v1/webhook');
  if (path === '/healthz' && method === 'GET') return { name: 'healthz', handler: healthz };
  if (path === '/metrics' && method === 'GET') return { name: 'metrics', handler: metrics };
  return new AppError('NOT_FOUND', `no route ${method} ${path}`);
}

export function createIngestServer(deps: IngestDeps): Server {
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const path = new URL(req.url ?? '/', 'http://ingest').pathname;
    const match = route(req.method ?? 'GET', path);
    const name = match instanceof AppError ? 'unknown' : match.name;
    res.on('finish', () => {
      deps.metrics.requests.inc({ route: name, status: String(res.statusCode) });
      deps.metrics.duration.observe({ route: name }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    if (match instanceof AppError) {
      req.resume();
      return sendError(res, match);
    }
    match.handler(deps, req, res).catch((error: unknown) => {
      const appError = toAppError(error);
      if (HTTP_STATUS[appError.code] >= 500 && appError.code !== 'OVERLOADED')
        console.error(JSON.stringify({ level: 'error', msg: 'request failed', path, error: String((error as Error)?.stack ?? error) }));
      if (res.headersSent) return res.destroy();
      sendError(res, appError);
    });
  });
  server.requestTimeout = 120_000;
  server.keepAliveTimeout = 65_000;
  return server;
}
