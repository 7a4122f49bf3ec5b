import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  deliver,
  isRetryable,
  parseAllowedHosts,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type ChannelConfig,
} from '../src/index';
import { HOSTILE, httpServer, notification } from './local-servers';

const allowList = parseAllowedHosts('127.0.0.1');
const options = { allowList, timeoutMs: 2_000 };

test('a webhook gets the notification as JSON, signed with the secret over timestamp and body', async (t) => {
  const server = await httpServer();
  t.after(() => server.close());
  const sent = notification({ text: HOSTILE, rule: HOSTILE, group: { [HOSTILE]: HOSTILE }, rows: [{ [HOSTILE]: HOSTILE, n: 1 }] });
  const config: ChannelConfig = {
    kind: 'webhook',
    url: `${server.origin}/hooks/kubetrail?x=1`,
    secret: 's3cret',
    headers: { Authorization: 'Bearer abc' },
  };

  const result = await deliver(config, sent, options);

  assert.equal(result.ok, true, result.error);
  assert.equal(result.responseCode, 200);
  assert.ok(result.durationMs >= 0);
  const [request] = server.received;
  assert.ok(request);
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/hooks/kubetrail?x=1');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers['user-agent'], 'Kubetrail-Alerts');
  assert.equal(request.headers.authorization, 'Bearer abc');
  assert.equal(request.headers['x-injected'], undefined);
  assert.deepEqual(JSON.parse(request.body), sent);
  const timestamp = request.headers[WEBHOOK_TIMESTAMP_HEADER.toLowerCase()] as string;
  const signature = request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string;
  assert.ok(Math.abs(Number(timestamp) - Date.now() / 1000) < 60, timestamp);
  assert.match(signature, /^sha256=[0-9a-f]{64}$/);
  assert.equal(verifyWebhookSignature('s3cret', timestamp, request.body, signature), true);
  assert.equal(verifyWebhookSignature('s3cret', timestamp, `${request.body} `, signature), false);
  assert.equal(verifyWebhookSignature('other', timestamp, request.body, signature), false);
  assert.equal(verifyWebhookSignature('s3cret', String(Number(timestamp) + 1), request.body, signature), false);
  assert.equal(verifyWebhookSignature('s3cret', timestamp, request.body, 'sha256=00'), false);
});

test('without a secret no signature headers are sent', async (t) => {
  const server = await httpServer();
  t.after(() => server.close());
  const result = await deliver({ kind: 'webhook', url: server.origin }, notification(), options);
  assert.equal(result.ok, true, result.error);
  assert.equal(server.received[0]?.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()], undefined);
  assert.equal(server.received[0]?.headers[WEBHOOK_TIMESTAMP_HEADER.toLowerCase()], undefined);
});

test('a 5xx answer is a retryable failure that quotes the body; a 4xx one is not retryable', async (t) => {
  const server = await httpServer((req, res) => {
    res.statusCode = req.url === '/missing' ? 404 : 500;
    res.end(req.url === '/missing' ? 'no such hook' : `database down\n${'x'.repeat(500)}`);
  });
  t.after(() => server.close());

  const failed = await deliver({ kind: 'webhook', url: `${server.origin}/broken` }, notification(), options);
  assert.equal(failed.ok, false);
  assert.equal(failed.responseCode, 500);
  assert.match(failed.error ?? '', /^HTTP 500: database down x+…$/);
  assert.ok((failed.error ?? '').length < 230);
  assert.equal(isRetryable(failed), true);

  const missing = await deliver({ kind: 'webhook', url: `${server.origin}/missing` }, notification(), options);
  assert.equal(missing.ok, false);
  assert.equal(missing.responseCode, 404);
  assert.equal(missing.error, 'HTTP 404: no such hook');
  assert.equal(isRetryable(missing), false);
});

test('a redirect is not followed: the target receives nothing and the failure is not retried', async (t) => {
  const target = await httpServer();
  const redirecting = await httpServer((_, res) => {
    res.writeHead(302, { Location: `${target.origin}/elsewhere` });
    res.end();
  });
  t.after(() => Promise.all([target.close(), redirecting.close()]));

  const result = await deliver({ kind: 'webhook', url: redirecting.origin }, notification(), options);

  assert.equal(result.ok, false);
  assert.equal(result.responseCode, 302);
  assert.equal(result.error, `redirect to ${target.origin}/elsewhere not followed`);
  assert.equal(isRetryable(result), false);
  assert.equal(redirecting.received.length, 1);
  assert.equal(target.received.length, 0);
});

test('a receiver that does not answer in time is a retryable timeout', async (t) => {
  const server = await httpServer(() => {});
  t.after(() => server.close());
  const started = Date.now();

  const result = await deliver({ kind: 'webhook', url: server.origin }, notification(), { allowList, timeoutMs: 300 });

  assert.equal(result.ok, false);
  assert.equal(result.error, 'timed out after 300 ms');
  assert.equal(isRetryable(result), true);
  assert.ok(Date.now() - started < 2_000);
});

test('a closed port is a retryable network error', async () => {
  const server = await httpServer();
  await server.close();
  const result = await deliver({ kind: 'webhook', url: server.origin }, notification(), options);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /ECONNREFUSED/);
  assert.equal(isRetryable(result), true);
});
