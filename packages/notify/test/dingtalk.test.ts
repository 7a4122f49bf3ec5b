import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { deliver, isRetryable, parseAllowedHosts, type ChannelConfig } from '../src/index';
import { HOSTILE, httpServer, notification } from './local-servers';

const options = { allowList: parseAllowedHosts('127.0.0.1'), timeoutMs: 2_000 };

test('a DingTalk robot gets a markdown message, signed the documented way when it has a secret', async (t) => {
  const server = await httpServer((_, res) => res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' })));
  t.after(() => server.close());
  // The schema wants https; the sender goes by the URL it is given, which lets a plain local server stand in.
  const config: ChannelConfig = { kind: 'dingtalk', url: `${server.origin}/robot/send?access_token=tok123`, secret: 'SEC0123abc' };

  const result = await deliver(config, notification({ text: HOSTILE, severity: 'critical' }), options);

  assert.equal(result.ok, true, result.error);
  const request = server.received[0]!;
  const query = new URL(request.url, server.origin).searchParams;
  assert.equal(query.get('access_token'), 'tok123');
  const timestamp = query.get('timestamp')!;
  assert.ok(Math.abs(Number(timestamp) - Date.now()) < 60_000, timestamp);
  assert.equal(query.get('sign'), createHmac('sha256', 'SEC0123abc').update(`${timestamp}\nSEC0123abc`).digest('base64'));
  assert.match(request.url, /&sign=[A-Za-z0-9%]+$/, 'the signature is URL-encoded');
  assert.equal(request.headers['content-type'], 'application/json');
  const body = JSON.parse(request.body);
  assert.equal(body.msgtype, 'markdown');
  assert.equal(body.markdown.title, '[CRITICAL] exec into pod firing');
  assert.ok(body.markdown.text.startsWith('### [CRITICAL] exec into pod firing\n\n'));
  assert.ok(body.markdown.text.includes(HOSTILE));
  assert.ok(body.markdown.text.includes('2025-06-01T10:00:00.000Z'));
});

test('without a secret the URL is used as it is', async (t) => {
  const server = await httpServer((_, res) => res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' })));
  t.after(() => server.close());
  const result = await deliver({ kind: 'dingtalk', url: `${server.origin}/robot/send?access_token=tok` }, notification(), options);
  assert.equal(result.ok, true, result.error);
  assert.equal(server.received[0]?.url, '/robot/send?access_token=tok');
});

test('an errcode in a 200 answer is a failure with the errmsg, retried only when rate limited', async (t) => {
  let answer = { errcode: 310000, errmsg: 'keywords not in content' };
  const server = await httpServer((_, res) => res.end(JSON.stringify(answer)));
  t.after(() => server.close());
  const config: ChannelConfig = { kind: 'dingtalk', url: `${server.origin}/robot/send?access_token=tok` };

  const rejected = await deliver(config, notification(), options);
  assert.equal(rejected.ok, false);
  assert.equal(rejected.responseCode, 200);
  assert.equal(rejected.error, 'dingtalk: keywords not in content');
  assert.equal(isRetryable(rejected), false);

  answer = { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
  const limited = await deliver(config, notification(), options);
  assert.equal(limited.ok, false);
  assert.equal(isRetryable(limited), true);
});

test('an answer that is not DingTalk JSON is a failure', async (t) => {
  const server = await httpServer((_, res) => res.end('<html>welcome</html>'));
  t.after(() => server.close());
  const result = await deliver({ kind: 'dingtalk', url: server.origin }, notification(), options);
  assert.equal(result.ok, false);
  assert.equal(result.error, 'dingtalk: not a DingTalk answer: <html>welcome</html>');
  assert.equal(isRetryable(result), false);
});
