import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliver, isRetryable, parseAllowedHosts } from '../src/index';
import { nonPublicReason } from '../src/address-ranges';
import { httpServer, notification } from './local-servers';

const nobody = parseAllowedHosts('');

test('internal addresses are refused before any connection, with the reason and the way out', async (t) => {
  const server = await httpServer();
  t.after(() => server.close());
  const cases: [string, RegExp][] = [
    [
      `http://127.0.0.1:${server.port}/`,
      /^refused: 127\.0\.0\.1 is a loopback address; an operator can allow it with ALERT_ALLOWED_HOSTS$/,
    ],
    [`http://localhost:${server.port}/`, /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address; .*ALERT_ALLOWED_HOSTS$/],
    ['http://169.254.169.254/latest/meta-data/', /^refused: 169\.254\.169\.254 is the cloud metadata address;/],
    ['http://100.100.100.200/', /metadata/],
    ['http://10.1.2.3/', /^refused: 10\.1\.2\.3 is a private address;/],
    ['http://172.20.0.1/', /a private address/],
    ['http://192.168.1.1/', /a private address/],
    ['http://100.64.0.1/', /a carrier-grade NAT address/],
    ['http://0.0.0.0/', /an unspecified address/],
    ['http://224.0.0.1/', /a multicast address/],
    ['http://169.254.10.10/', /a link-local address/],
    [`http://[::1]:${server.port}/`, /^refused: ::1 is a loopback address;/],
    ['http://[::]/', /an unspecified address/],
    ['http://[fe80::1]/', /a link-local address/],
    ['http://[fd12:3456::1]/', /a private address/],
    [`http://[::ffff:127.0.0.1]:${server.port}/`, /a loopback address/],
    ['http://[::ffff:a9fe:a9fe]/', /metadata/],
    ['http://[64:ff9b::10.0.0.1]/', /a private address/],
    ['http://[2002:c0a8:101::1]/', /a private address/],
    // Spellings the URL parser turns into 127.0.0.1.
    [`http://2130706433:${server.port}/`, /^refused: 127\.0\.0\.1 is a loopback address/],
    [`http://0x7f.1:${server.port}/`, /^refused: 127\.0\.0\.1 is a loopback address/],
  ];
  for (const [url, error] of cases) {
    for (const kind of ['webhook', 'slack'] as const) {
      const result = await deliver({ kind, url }, notification(), { allowList: nobody, timeoutMs: 2_000 });
      assert.equal(result.ok, false, url);
      assert.equal(result.refused, true, url);
      assert.match(result.error ?? '', error, url);
      assert.equal(isRetryable(result), false, url);
    }
  }
  assert.equal(server.received.length, 0);
});

test('public addresses, also inside IPv6 forms, are not held back', () => {
  for (const address of [
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '11.0.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])
    assert.equal(nonPublicReason(address), undefined, address);
  assert.equal(nonPublicReason('not-an-address'), 'not an IP address');
});

test('an allowed hostname or network lets the delivery through', async (t) => {
  const server = await httpServer();
  t.after(() => server.close());
  for (const allowed of ['LOCALHOST', '127.0.0.0/8', '127.0.0.1'])
    for (const host of ['localhost', '127.0.0.1']) {
      const result = await deliver({ kind: 'webhook', url: `http://${host}:${server.port}/` }, notification(), {
        allowList: parseAllowedHosts(`example.com, ${allowed}`),
        timeoutMs: 2_000,
      });
      if (allowed === 'LOCALHOST' && host === '127.0.0.1') assert.equal(result.refused, true, 'the name is allowed, not the address');
      else assert.equal(result.ok, true, `${allowed} ${host}: ${result.error}`);
    }
  assert.ok(server.received.every((r) => r.headers.host === `localhost:${server.port}` || r.headers.host === `127.0.0.1:${server.port}`));
  assert.ok(
    server.received.some((r) => r.headers.host === `localhost:${server.port}`),
    'the Host header keeps the name',
  );
});

test('an SMTP host is guarded the same way', async () => {
  const result = await deliver(
    { kind: 'email', host: '127.0.0.1', port: 25, secure: false, from: 'a@example.com', to: ['b@example.com'] },
    notification(),
    {
      allowList: nobody,
      timeoutMs: 2_000,
    },
  );
  assert.equal(result.refused, true);
  assert.match(result.error ?? '', /^refused: 127\.0\.0\.1 is a loopback address/);
});

test('ALERT_ALLOWED_HOSTS takes hostnames, addresses and CIDRs separated by commas or spaces', () => {
  assert.deepEqual(parseAllowedHosts(''), { hosts: new Set(), cidrs: [] });
  assert.deepEqual(parseAllowedHosts('  , '), { hosts: new Set(), cidrs: [] });
  const list = parseAllowedHosts('Hooks.Internal., 10.0.0.0/8  fd00::/8,192.168.1.5 [::1] smtp_relay');
  assert.deepEqual([...list.hosts], ['hooks.internal', 'smtp_relay']);
  assert.deepEqual(list.cidrs, [
    { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
    { address: 'fd00::', prefix: 8, family: 'ipv6' },
    { address: '192.168.1.5', prefix: 32, family: 'ipv4' },
    { address: '::1', prefix: 128, family: 'ipv6' },
  ]);
  for (const bad of [
    'http://x.example',
    'host:8080',
    '10.0.0.0/33',
    '10.0.0.0/8/1',
    'fd00::/129',
    '*.example.com',
    'fe80::1%eth0',
    'a..b',
    '10.0.0.0/',
  ])
    assert.throws(
      () => parseAllowedHosts(`ok.example, ${bad}`),
      new RegExp(`"${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" is neither`),
      bad,
    );
});
