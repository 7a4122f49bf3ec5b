import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { deliver, isRetryable, parseAllowedHosts, type ChannelConfig } from '../src/index';
import { HOSTILE, notification } from './local-servers';

const options = { allowList: parseAllowedHosts('127.0.0.1'), timeoutMs: 3_000 };

interface Received {
  from: string;
  to: string[];
  message: string;
}

async function smtpServer(hooks: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          message: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...hooks,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const emailConfig = (port: number): ChannelConfig => ({
  kind: 'email',
  host: '127.0.0.1',
  port,
  secure: false,
  from: 'alerts@kubetrail.example',
  to: ['oncall@example.com', 'sre@example.com'],
});

// Nodemailer picks the transfer encoding; quoted-printable is the one text bodies get.
function decodedBody(message: string): string {
  const [head = '', ...rest] = message.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  if (!/content-transfer-encoding: quoted-printable/i.test(head)) return body;
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

test('an email goes to every recipient with the severity, rule and status in its subject, and the rows in its body', async (t) => {
  const server = await smtpServer();
  t.after(() => server.close());
  const rows = Array.from({ length: 25 }, (_, i) => ({ user: `user${i}`, verb: 'create', count: i, extra: { ns: 'payments' } }));

  const result = await deliver(emailConfig(server.port), notification({ rows, text: `exec by alice\n${HOSTILE}` }), options);

  assert.equal(result.ok, true, result.error);
  const [mail] = server.received;
  assert.ok(mail);
  assert.equal(mail.from, 'alerts@kubetrail.example');
  assert.deepEqual(mail.to, ['oncall@example.com', 'sre@example.com']);
  const head = mail.message.slice(0, mail.message.indexOf('\r\n\r\n'));
  assert.match(head, /^To: oncall@example\.com, sre@example\.com\r$/m);
  assert.match(head, /^From: alerts@kubetrail\.example\r$/m);
  assert.match(head, /^Subject: \[HIGH\] exec into pod firing\r$/m);
  assert.doesNotMatch(head, /X-Injected/, 'the text stays in the body');
  const body = decodedBody(mail.message).replace(/\r\n/g, '\n');
  assert.ok(body.startsWith(`exec by alice\n${HOSTILE.replace(/\r\n/g, '\n')}\n`), body);
  assert.ok(body.includes('Window: 2025-06-01T10:00:00.000Z – 2025-06-01T10:05:00.000Z'), body);
  assert.ok(body.includes('The first 20 of 25 rows:'), body);
  assert.ok(body.includes('user: user19\nverb: create\ncount: 19\nextra: {"ns":"payments"}'), body);
  assert.ok(!body.includes('user20'), body);
});

test('a recipient refused with 5xx is a permanent failure; with 4xx a retryable one', async (t) => {
  let reply = { code: 550, text: 'mailbox unavailable' };
  const server = await smtpServer({
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
    },
  });
  t.after(() => server.close());

  const permanent = await deliver(emailConfig(server.port), notification(), options);
  assert.equal(permanent.ok, false);
  assert.equal(permanent.responseCode, 550);
  assert.match(permanent.error ?? '', /^smtp: .*mailbox unavailable/);
  assert.equal(isRetryable(permanent), false);

  reply = { code: 451, text: 'try again later' };
  const transient = await deliver(emailConfig(server.port), notification(), options);
  assert.equal(transient.ok, false);
  assert.equal(transient.responseCode, 451);
  assert.equal(isRetryable(transient), true);
  assert.equal(server.received.length, 0);
});

test('a server that is not there is a retryable failure', async () => {
  const server = await smtpServer();
  await server.close();
  const result = await deliver(emailConfig(server.port), notification(), options);
  assert.equal(result.ok, false);
  assert.equal(result.responseCode, undefined);
  assert.match(result.error ?? '', /^smtp: /);
  assert.equal(isRetryable(result), true);
});

test('a server that never greets is a retryable timeout within the attempt deadline', async (t) => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    silent.close();
  });

  const result = await deliver(emailConfig((silent.address() as AddressInfo).port), notification(), { ...options, timeoutMs: 300 });

  assert.equal(result.ok, false);
  assert.equal(result.error, 'timed out after 300 ms');
  assert.equal(isRetryable(result), true);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(
    sockets.every((socket) => socket.destroyed || socket.readableEnded),
    'the connection is given up',
  );
});
