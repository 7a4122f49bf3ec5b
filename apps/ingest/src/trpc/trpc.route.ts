import type { IncomingMessage, ServerResponse } from 'node:http';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { IngestDeps } from '../deps';
import { readBody } from '../http/read-body';
import { retryAfterOf, retryHeaders } from '../http/respond';
import { ingestRouter } from './agent.router';

/**
 * Bridges node:http to tRPC's fetch adapter. The body is read (and gunzipped)
 * here first, so tRPC calls get the same size limits and gzip support as the
 * webhook route.
 */
export async function handleTrpc(deps: IngestDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const body = hasBody ? await readBody(req, deps.limits) : { data: Buffer.alloc(0), wireBytes: 0 };
  deps.metrics.wireBytes.inc(body.wireBytes);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'content-encoding' || name === 'content-length') continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const request = new Request(new URL(req.url ?? '/', 'http://ingest'), {
    method: req.method,
    headers,
    ...(hasBody ? { body: body.data } : {}),
  });
  const response = await fetchRequestHandler({
    endpoint: '/trpc',
    req: request,
    router: ingestRouter,
    allowBatching: false,
    // The status alone cannot say how long a cluster over its rate must wait; its error can.
    responseMeta: ({ errors }) => {
      const seconds = retryAfterOf(errors[0]?.cause);
      return seconds === undefined ? {} : { headers: { 'retry-after': String(seconds) } };
    },
    createContext: () => ({
      deps,
      authorization: req.headers.authorization ?? null,
      wireBytes: body.wireBytes,
      rawBody: body.data.toString('utf8'),
    }),
  });
  const out = Buffer.from(await response.arrayBuffer());
  const responseHeaders: Record<string, string> = { ...retryHeaders(response.status) };
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });
  responseHeaders['content-length'] = String(out.length);
  res.writeHead(response.status, responseHeaders);
  res.end(out);
}
