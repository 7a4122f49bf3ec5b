import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AppError, formatFieldPath, HTTP_STATUS, isAppError } from '@kubetrail/contracts/core';
import { EventListSchema, type AuditEvent, type ErrorBody } from '@kubetrail/contracts';
import type { Logger } from '../log';
import { readBody, type BodyLimits } from './read-body';

export interface WebhookHandlerResult {
  accepted: number;
}

export interface WebhookServerOptions {
  limits: BodyLimits;
  log: Logger;
  /** must resolve only once the events are durable (spooled) */
  onEvents: (events: AuditEvent[]) => Promise<WebhookHandlerResult>;
}

/**
 * The kube-apiserver webhook audit backend posts `EventList`s to whatever URL
 * its kubeconfig names, so any path is accepted. 200 means "on disk": the
 * apiserver may forget the events once it has it.
 */
export function createWebhookServer(opts: WebhookServerOptions): Server {
  return createServer((req, res) => {
    handle(req, res, opts).catch((err) => {
      opts.log.error('webhook request failed', { error: err });
      if (!res.headersSent) reply(res, 500, { code: 'INTERNAL', message: 'internal error' });
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: WebhookServerOptions): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://agent').pathname;
  if (req.method === 'GET' && path === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    reply(res, 405, { code: 'BAD_REQUEST', message: `method ${req.method} not allowed; POST an EventList` });
    req.resume();
    return;
  }
  try {
    const body = await readBody(req, opts.limits);
    const events = parseEventList(body);
    const result = await opts.onEvents(events);
    reply(res, 200, result);
  } catch (err) {
    if (!isAppError(err)) throw err;
    const status = HTTP_STATUS[err.code] ?? 500;
    if (status === 503 || status === 429) res.setHeader('retry-after', '5');
    if (status >= 500) opts.log.warn('webhook request not accepted', { status, code: err.code, message: err.message });
    else opts.log.warn('webhook request refused', { status, code: err.code, message: err.message });
    reply(res, status, { code: err.code, message: err.message } satisfies ErrorBody);
  }
}

/** Validates the whole list before anything is kept: a bad item refuses the request, naming the field. */
export function parseEventList(body: Buffer): AuditEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new AppError('MALFORMED_JSON', `body is not valid JSON: ${(err as Error).message}`);
  }
  const result = EventListSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? formatFieldPath(issue.path) : '';
    throw new AppError('INVALID_EVENT', `${where || 'body'}: ${issue?.message ?? 'not an audit EventList'}`, { field: where });
  }
  // The parsed items, not the validator's copies: events are forwarded exactly as the apiserver sent them.
  return (json as { items: AuditEvent[] }).items;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
