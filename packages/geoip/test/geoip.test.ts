import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GeoIp } from '../src/index';
import { ipv4Number, ipv6Number } from '../src/ip-number';

const geo = new GeoIp();

test('public IPv4 addresses get country, province, city and provider from the bundled databases', () => {
  const google = geo.locate('8.8.8.8');
  assert.equal(google?.country, 'United States');
  assert.equal(google?.province, 'California');
  assert.ok(google?.city);
  assert.match(google?.provider ?? '', /google/i);
  const cloudflare = geo.locate('1.1.1.1');
  assert.match(cloudflare?.provider ?? '', /cloudflare/i);
  assert.equal(geo.locate('114.114.114.114')?.country, 'China');
});

test('public IPv6 addresses are located too', () => {
  const google = geo.locate('2001:4860:4860::8888');
  assert.ok(google?.country);
  assert.match(google?.provider ?? '', /google/i);
});

test('private, reserved and malformed addresses have no location', () => {
  for (const ip of ['10.0.0.7', '192.168.1.1', '127.0.0.1', '203.0.113.9', 'fe80::1', 'not-an-ip', '1.2.3', '', 'fe80::1%eth0'])
    assert.equal(geo.locate(ip), null, ip);
});

test('addresses convert to numbers exactly, including :: and dotted IPv6 tails', () => {
  assert.equal(ipv4Number('255.255.255.255'), 4294967295);
  assert.equal(ipv4Number('1.0.0.0'), 16777216);
  assert.equal(ipv6Number('::1'), 1n);
  assert.equal(ipv6Number('2001:200::'), 42540528726795050063891204319802818560n);
  assert.equal(ipv6Number('::ffff:1.2.3.4'), 0xffff01020304n);
  assert.equal(ipv6Number('1:2:3:4:5:6:7:8'), 0x00010002000300040005000600070008n);
});
