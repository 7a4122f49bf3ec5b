import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { WebhookAgent, type WebhookOptions } from '../src/webhook/webhook-agent';
import { useFakeIngest } from './helpers/fake-ingest';
import { captureLog, makeEvent, tempDir, waitFor } from './helpers/fixtures';

const fake = useFakeIngest();
let agent: WebhookAgent | undefined;
const temp = tempDir();
after(() => temp.cleanup());
afterEach(async () => {
  await agent?.stop(0);
  agent = undefined;
});

let caseNo = 0;
async function start(extra: Partial<WebhookOptions> = {}) {
  const stateDir = join(temp.dir, `webhook-${caseNo++}`);
  const captured = captureLog();
  agent = await WebhookAgent.start({
    listenHost: '127.0.0.1',
    listenPort: 0,
    stateDir,
    server: fake.url,
    token: fake.token,
    kubernetesVersion: undefined,
    batchMaxEvents: 1000,
    batchMaxBytes: 4 * 1024 * 1024,
    batchMaxWaitMs: 30,
    pollIntervalMs: 10,
    spoolMaxBytes: 1024 ** 3,
    drainTimeoutMs: 1000,
    logLevel: 'debug',
    log: captured.log,
    backoff: { initialMs: 10, maxMs: 50, maxRetryAfterMs: 2000 },
    bodyLimits: { maxWireBytes: 64 * 1024, maxInflatedBytes: 256 * 1024 },
    ...extra,
  });
  return { stateDir, captured, url: agent.url };
}

const eventList = (items: unknown[], apiVersion = 'audit.k8s.io/v1') =>
  JSON.stringify({ kind: 'EventList', apiVersion, metadata: {}, items });

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/audit/webhook`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('webhook mode', () => {
  test('answers 200 only once the events are in the spool, then forwards them', async () => {
    fake.respond = () => ({ status: 503, retryAfter: '0' });
    const { url, stateDir } = await start();
    const res = await post(url, eventList([makeEvent(1), makeEvent(2)]));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { accepted: 2 });
    const spooled = readdirSync(join(stateDir, 'spool')).filter((n) => n.endsWith('.ndjson'));
    assert.equal(spooled.length, 1, 'the record is on disk while the platform is still down');
    assert.match(readFileSync(join(stateDir, 'spool', spooled[0]!), 'utf8'), /"auditID":"ev-2"/);
    fake.respond = undefined;
    await waitFor(() => fake.stored.size === 1, 10_000, 'forwarded');
    assert.deepEqual(fake.storedAuditIds(), ['ev-1', 'ev-2']);
  });

  test('refuses an invalid event with 400 naming the field, storing nothing of the request', async () => {
    const { url, stateDir } = await start();
    const bad = { ...makeEvent(2) } as Record<string, unknown>;
    delete bad.verb;
    const res = await post(url, eventList([makeEvent(1), bad]));
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'INVALID_EVENT');
    assert.match(String(res.body.message), /^items\[1\]\.verb\b/);
    assert.deepEqual(readdirSync(join(stateDir, 'spool')), []);
    const notJson = await post(url, '{"kind":');
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.code, 'MALFORMED_JSON');
    const notList = await post(url, JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', items: [] }));
    assert.equal(notList.status, 400);
    assert.match(String(notList.body.message), /^kind\b/);
  });

  test('accepts gzip bodies and v1beta1 event lists', async () => {
    const { url } = await start();
    const res = await post(url, gzipSync(eventList([makeEvent('z1', { apiVersion: 'audit.k8s.io/v1beta1' })], 'audit.k8s.io/v1beta1')), {
      'content-encoding': 'gzip',
    });
    assert.equal(res.status, 200);
    await waitFor(() => fake.stored.size === 1, 10_000, 'forwarded');
    assert.deepEqual(fake.storedAuditIds(), ['ev-z1']);
  });

  test('answers 413 when the body is too large on the wire or once inflated', async () => {
    const { url, stateDir } = await start();
    const many = eventList(Array.from({ length: 200 }, (_, i) => makeEvent(i)));
    assert.ok(Buffer.byteLength(many) > 64 * 1024);
    const wire = await post(url, many);
    assert.equal(wire.status, 413);
    assert.equal(wire.body.code, 'PAYLOAD_TOO_LARGE');
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    assert.ok(bomb.length < 64 * 1024);
    const inflated = await post(url, bomb, { 'content-encoding': 'gzip' });
    assert.equal(inflated.status, 413);
    assert.match(String(inflated.body.message), /inflates/);
    const garbage = await post(url, Buffer.from('not gzip'), { 'content-encoding': 'gzip' });
    assert.equal(garbage.status, 400);
    assert.deepEqual(readdirSync(join(stateDir, 'spool')), []);
  });

  test('serves /healthz', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 200);
  });
});
