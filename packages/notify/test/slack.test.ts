import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliver, isRetryable, parseAllowedHosts } from '../src/index';
import { httpServer, notification } from './local-servers';

const options = { allowList: parseAllowedHosts('127.0.0.1'), timeoutMs: 2_000 };

test('a Slack incoming webhook gets the text with &, < and > escaped, after severity, rule and status', async (t) => {
  const server = await httpServer();
  t.after(() => server.close());
  const sent = notification({
    rule: 'a <b> & c',
    severity: 'critical',
    status: 'resolved',
    text: 'user <@U123> ran `rm` & left "quietly"\n<!channel>',
  });

  const result = await deliver({ kind: 'slack', url: `${server.origin}/services/T0/B0/xyz` }, sent, options);

  assert.equal(result.ok, true, result.error);
  const request = server.received[0]!;
  assert.equal(request.url, '/services/T0/B0/xyz');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(request.body), {
    text: '*[CRITICAL] a &lt;b&gt; &amp; c resolved*\nuser &lt;@U123&gt; ran `rm` &amp; left "quietly"\n&lt;!channel&gt;',
  });
});

test("Slack's error answers are failures that say why", async (t) => {
  const server = await httpServer((_, res) => {
    res.statusCode = 404;
    res.end('no_service');
  });
  t.after(() => server.close());
  const result = await deliver({ kind: 'slack', url: `${server.origin}/services/gone` }, notification(), options);
  assert.equal(result.ok, false);
  assert.equal(result.error, 'HTTP 404: no_service');
  assert.equal(isRetryable(result), false);
});
