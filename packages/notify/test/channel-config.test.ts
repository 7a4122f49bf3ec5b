import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelConfigSchema } from '../src/index';

const problem = (input: unknown) => {
  const parsed = ChannelConfigSchema.safeParse(input);
  assert.equal(parsed.success, false, JSON.stringify(input));
  const issue = parsed.error!.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
};

test('each kind parses, with the email defaults filled in', () => {
  assert.deepEqual(
    ChannelConfigSchema.parse({ kind: 'webhook', url: 'http://hooks.example.com/x', secret: 's', headers: { 'X-Team': 'sre' } }),
    {
      kind: 'webhook',
      url: 'http://hooks.example.com/x',
      secret: 's',
      headers: { 'X-Team': 'sre' },
    },
  );
  assert.equal(
    ChannelConfigSchema.parse({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t' }).kind,
    'dingtalk',
  );
  assert.equal(ChannelConfigSchema.parse({ kind: 'slack', url: 'https://hooks.slack.com/services/T/B/x' }).kind, 'slack');
  assert.deepEqual(ChannelConfigSchema.parse({ kind: 'email', host: 'smtp.example.com', from: 'a@example.com', to: ['b@example.com'] }), {
    kind: 'email',
    host: 'smtp.example.com',
    port: 587,
    secure: false,
    from: 'a@example.com',
    to: ['b@example.com'],
  });
});

test('unknown fields and kinds are errors, not ignored', () => {
  assert.match(problem({ kind: 'webhook', url: 'https://h.example.com', token: 'x' }), /token/);
  assert.match(problem({ kind: 'slack', url: 'https://hooks.slack.com/x', secret: 'x' }), /secret/);
  assert.match(problem({ kind: 'email', host: 'smtp.example.com', from: 'a@example.com', to: ['b@example.com'], tls: {} }), /tls/);
  problem({ kind: 'pagerduty', url: 'https://events.pagerduty.com' });
  problem({ url: 'https://h.example.com' });
});

test('URLs must parse, use the kind’s scheme and carry no credentials', () => {
  assert.equal(problem({ kind: 'webhook', url: 'not a url' }), 'url: must be a URL');
  assert.equal(problem({ kind: 'webhook', url: 'ftp://files.example.com/x' }), 'url: must be an http or https URL');
  assert.equal(problem({ kind: 'webhook', url: 'javascript:alert(1)' }), 'url: must be an http or https URL');
  assert.equal(problem({ kind: 'webhook', url: 'https://user:pw@h.example.com/' }), 'url: must not hold a user name or password');
  assert.equal(problem({ kind: 'slack', url: 'http://hooks.slack.com/services/x' }), 'url: must be an https URL');
  assert.equal(problem({ kind: 'dingtalk', url: 'http://oapi.dingtalk.com/robot/send' }), 'url: must be an https URL');
  assert.equal(problem({ kind: 'slack', url: 'v1:not-sealed' }), 'url: is not a sealed secret');
  assert.equal(
    problem({ kind: 'webhook', url: 'v1:AAAA:AAAA:AAAA' }),
    'url: must be an http or https URL',
    'only secret URLs are stored sealed',
  );
  problem({ kind: 'webhook', url: `https://h.example.com/${'x'.repeat(3_000)}` });
});

test('webhook headers: no line breaks or control characters, no names Kubetrail sets itself', () => {
  const webhook = (headers: Record<string, string>) => ({ kind: 'webhook', url: 'https://h.example.com', headers });
  assert.equal(problem(webhook({ 'X-A': 'ok\r\nX-Injected: yes' })), 'headers.X-A: must not contain line breaks');
  assert.equal(problem(webhook({ 'X-A': 'ok\nmore' })), 'headers.X-A: must not contain line breaks');
  assert.equal(problem(webhook({ 'X-A': 'bell\u0007' })), 'headers.X-A: must be printable ASCII');
  assert.equal(problem(webhook({ 'X A': 'v' })), 'headers.X A: header "X A" is not an HTTP header name');
  assert.equal(problem(webhook({ 'X-A\r\nB': 'v' })), 'headers.X-A\r\nB: header "X-A\\r\\nB" is not an HTTP header name');
  for (const name of ['Content-Type', 'content-length', 'Host', 'X-Kubetrail-Signature', 'x-kubetrail-timestamp'])
    assert.equal(problem(webhook({ [name]: 'v' })), `headers.${name}: header "${name}" is set by Kubetrail`);
  problem(webhook(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-${i}`, 'v']))));
  assert.ok(ChannelConfigSchema.safeParse(webhook({ Authorization: 'Bearer a.b.c', 'User-Agent': 'mine' })).success);
});

test('email settings: a bare host, a port in range, real addresses, someone to send to', () => {
  const email = (fields: Record<string, unknown>) => ({
    kind: 'email',
    host: 'smtp.example.com',
    from: 'a@example.com',
    to: ['b@example.com'],
    ...fields,
  });
  assert.equal(problem(email({ host: 'smtp.example.com:25' })), 'host: must be a hostname or an IP address');
  assert.equal(problem(email({ host: 'smtp://smtp.example.com' })), 'host: must be a hostname or an IP address');
  assert.equal(problem(email({ host: '' })), 'host: must be a hostname or an IP address');
  assert.match(problem(email({ port: 70_000 })), /^port: /);
  assert.match(problem(email({ port: 25.5 })), /^port: /);
  assert.match(problem(email({ from: 'alerts' })), /^from: /);
  assert.match(problem(email({ to: [] })), /^to: /);
  assert.match(problem(email({ to: ['b@example.com\r\nBcc: x@evil.example'] })), /^to\.0: /);
  assert.match(problem(email({ secret: 'x' })), /secret/);
  assert.ok(ChannelConfigSchema.safeParse(email({ host: '10.0.0.25', port: 465, secure: true, user: 'u', password: 'p' })).success);
  assert.ok(ChannelConfigSchema.safeParse(email({ host: '2001:db8::25' })).success);
});
