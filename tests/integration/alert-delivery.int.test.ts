// The alert loop end to end: an agent's batch stored, the worker's tick
// finding the rule's window due, the evaluation firing once, and each
// channel's deliveries tried, retried and recorded, against a real HTTP
// receiver and a real SMTP server.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { alertHistory, saveChannel, saveRule, type AlertSettings } from '@kubetrail/core';
import { parseAllowedHosts, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@kubetrail/notify';
import { eventList, makeEvent, post } from '../support/events';
import { startTestPlatform, type TestPlatform } from '../support/platform';

const MINUTE = 60_000;
const SECRET = 'hmac-secret-of-the-receiver';

interface Received {
  body: string;
  headers: IncomingMessage['headers'];
}

let platform: TestPlatform;
let receiver: Server;
let smtp: SMTPServer;
const received: Received[] = [];
const mails: string[] = [];
// The receiver fails the first two tries of each notification, as a receiver being deployed would.
const tries = new Map<string, number>();
let settings: AlertSettings;

const listen = async (server: Server | SMTPServer) => {
  await new Promise<void>((resolve) => (server as Server).listen(0, '127.0.0.1', resolve));
  return ((server as { server?: Server }).server ?? (server as Server)).address() as AddressInfo;
};

before(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ body, headers: req.headers });
      const id = (JSON.parse(body) as { id: string }).id;
      tries.set(id, (tries.get(id) ?? 0) + 1);
      if (tries.get(id)! <= 2) res.writeHead(503).end('deploying');
      else res.writeHead(200).end('ok');
    });
  });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (c: Buffer) => (text += c.toString()));
      stream.on('end', () => {
        mails.push(text);
        callback();
      });
    },
  });
  const http = await listen(receiver);
  const mail = await listen(smtp);
  settings = { secretsKey: randomBytes(32), allowList: parseAllowedHosts('127.0.0.1'), timeoutMs: 5_000 };
  platform = await startTestPlatform({ alerts: settings, alertTick: { everyMs: 300, settleMs: 0 } });
  await saveChannel(platform.deps, settings, platform.projectId, {
    name: 'hook',
    kind: 'webhook',
    settings: { url: `http://127.0.0.1:${http.port}/alerts`, secret: SECRET },
  });
  await saveChannel(platform.deps, settings, platform.projectId, {
    name: 'mail',
    kind: 'email',
    settings: { host: '127.0.0.1', port: mail.port, secure: false, from: 'kubetrail@example.com', to: ['secops@example.com'] },
  });
  await saveChannel(platform.deps, settings, platform.projectId, {
    name: 'metadata',
    kind: 'webhook',
    settings: { url: 'http://169.254.169.254/latest/meta-data/' },
  });
});
after(async () => {
  await platform?.stop();
  receiver?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('an exec fires the rule once and the next window recovers it; the webhook is retried until it answers, signed; the mails arrive; the metadata address is refused', async () => {
  const cluster = await platform.newCluster();
  // The two windows before the last whole minute are due at once, as settling takes no time here; the exec is in the first.
  const windowEnd = Math.floor(Date.now() / MINUTE) * MINUTE;
  const at = new Date(windowEnd - 90_000).toISOString().replace('Z', '000Z');
  const exec = makeEvent({
    verb: 'create',
    stage: 'ResponseStarted',
    requestURI: '/api/v1/namespaces/shop/pods/cart-1/exec?command=sh&stdin=true&tty=true',
    objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'cart-1', apiVersion: 'v1' },
    responseStatus: { code: 101 },
    requestReceivedTimestamp: at,
    stageTimestamp: at,
  });
  assert.equal((await post(`${platform.ingestUrl}/v1/webhook`, eventList([exec]), { token: cluster.token })).status, 200);
  assert.equal(await platform.waitForEvents(cluster.id, 1), 1);

  const { rule } = await saveRule(platform.deps, platform.projectId, {
    name: 'exec in containers',
    query: `objectRef.subresource: exec | SELECT "user.username" AS user, "objectRef.name" AS pod, count(*) AS n FROM log GROUP BY user, pod`,
    everyMinutes: 1,
    condition: 'n >= 1',
    severity: 'high',
    template: '{{ user }} ran a command in {{ pod }}',
    notifyRecovery: true,
    channels: ['hook', 'mail', 'metadata'],
  });
  await platform.deps.db.alertRule.update({ where: { id: rule.id }, data: { lastWindowEnd: new Date(windowEnd - 2 * MINUTE) } });

  const history = async () => {
    const firings = (await alertHistory(platform.deps, platform.projectId, { rule: rule.id })).flatMap((e) => e.firings);
    return { firings, deliveries: firings.flatMap((f) => f.deliveries) };
  };
  const done = await waitFor('both notifications delivered by webhook and mail, and refused for the metadata address', async () => {
    const h = await history();
    const delivered = (channel: string) =>
      h.firings.filter((f) => f.deliveries.some((d) => d.channel === channel && (d.ok || channel === 'metadata'))).length;
    return delivered('hook') === 2 && delivered('metadata') === 2 && mails.length === 2 ? h : undefined;
  });

  const byStatus = (status: string) => done.firings.filter((f) => f.status === status);
  assert.equal(byStatus('firing').length, 1, 'one firing for the one window with an exec');
  assert.equal(byStatus('resolved').length, 1, 'one recovery, for the window after it');
  assert.equal(byStatus('firing')[0]!.text, 'alice@example.com ran a command in cart-1');

  for (const firing of done.firings) {
    const hook = firing.deliveries.filter((d) => d.channel === 'hook').sort((a, b) => a.attempt - b.attempt);
    assert.deepEqual(
      hook.map((d) => [d.attempt, d.ok, d.responseCode]),
      [
        [1, false, 503],
        [2, false, 503],
        [3, true, 200],
      ],
      `the ${firing.status} notice is retried until the receiver takes it`,
    );
    assert.match(hook[0]!.error ?? '', /deploying/);
    const metadata = firing.deliveries.filter((d) => d.channel === 'metadata');
    assert.equal(metadata.length, 1, 'a refused target is not retried');
    assert.equal(metadata[0]!.ok, false);
    assert.match(metadata[0]!.error ?? '', /169\.254\.169\.254/);
  }
  assert.equal(received.length, 6, 'nothing sent after a success');

  const signed = received.filter((r) => (JSON.parse(r.body) as { status: string }).status === 'firing').at(-1)!;
  const signature = String(signed.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()]);
  const timestamp = String(signed.headers[WEBHOOK_TIMESTAMP_HEADER.toLowerCase()]);
  assert.equal(verifyWebhookSignature(SECRET, timestamp, signed.body, signature), true, 'the signature verifies with the shared secret');
  assert.equal(verifyWebhookSignature('another secret', timestamp, signed.body, signature), false);
  assert.equal(verifyWebhookSignature(SECRET, timestamp, signed.body.replace('cart-1', 'cart-2'), signature), false);
  const payload = JSON.parse(signed.body) as { rule: string; severity: string; status: string; rows: { pod: string }[] };
  assert.deepEqual(
    [payload.rule, payload.severity, payload.status, payload.rows[0]!.pod],
    ['exec in containers', 'high', 'firing', 'cart-1'],
  );

  assert.ok(mails.every((m) => /To: secops@example\.com/.test(m)));
  assert.ok(mails.some((m) => /alice@example\.com ran a command in cart-1/.test(m)));
  assert.ok(mails.some((m) => /resolved/.test(m)));

  // Later ticks judge later windows; the one with the exec is never judged again.
  await new Promise((r) => setTimeout(r, 1_500));
  const evaluations = await platform.deps.db.alertEvaluation.findMany({
    where: { ruleId: rule.id, windowTo: new Date(windowEnd - MINUTE) },
  });
  assert.equal(evaluations.length, 1);
  assert.equal((await history()).firings.filter((f) => f.status === 'firing').length, 1);
});
