import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notification } from '../src/index';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LocalServer {
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  received: Received[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1; `respond` answers each request once its body has arrived (200 `ok` by default). */
export async function httpServer(
  respond: (request: Received, response: ServerResponse) => void = (_, res) => res.end('ok'),
): Promise<LocalServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      respond(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Strings that break naive payload building: quotes, line breaks, markup, separators, non-BMP characters. */
export const HOSTILE = 'He said "hi"\r\nX-Injected: yes\n</script><b>&amp; \u2028\u0000 ✓ 😀 {{ Column }} \\';

export const notification = (overrides: Partial<Notification> = {}): Notification => ({
  id: 'f_123',
  rule: 'exec into pod',
  severity: 'high',
  status: 'firing',
  text: 'kubectl exec by alice in payments',
  window: { from: '2025-06-01T10:00:00.000Z', to: '2025-06-01T10:05:00.000Z' },
  group: { user: 'alice' },
  rows: [{ user: 'alice', count: 3 }],
  firedAt: '2025-06-01T10:05:01.000Z',
  ...overrides,
});
