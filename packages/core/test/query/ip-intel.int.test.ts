import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GeoIp } from '@kubetrail/geoip';
import { AppError } from '@kubetrail/contracts';
import { ipIntelStatus, loadRiskyList, refreshIpLocations, runQuery } from '../../src/index';
import { BASE, ev, HOUR, queryFixture, type QueryFixture } from './query-fixture';

let f: QueryFixture;
const range = { from: new Date(BASE - HOUR), to: new Date(BASE + 24 * HOUR) };

async function row(select: string): Promise<unknown[]> {
  const answer = await runQuery(f.deps, { project: f.project, ...range, query: `* | SELECT ${select} FROM log LIMIT 1` });
  assert.equal(answer.kind, 'analytics');
  return answer.kind === 'analytics' ? answer.rows[0]! : [];
}

before(async () => {
  f = await queryFixture();
  await f.store(f.cluster, [ev({ sourceIPs: ['8.8.8.8'] }), ev({ sourceIPs: ['2001:4860:4860::8888', '10.0.0.1'] })]);
});
after(() => f?.close());

test('ip_to_domain tells intranet from internet addresses, and text that is not one address', async () => {
  const cases: [string, string][] = [
    ['10.1.2.3', 'intranet'],
    ['172.20.0.5', 'intranet'],
    ['192.168.0.1', 'intranet'],
    ['100.64.3.4', 'intranet'],
    ['127.0.0.1', 'intranet'],
    ['169.254.169.254', 'intranet'],
    ['fd12::1', 'intranet'],
    ['fe80::1', 'intranet'],
    ['::1', 'intranet'],
    ['8.8.8.8', 'internet'],
    ['172.32.0.1', 'internet'],
    ['2001:4860:4860::8888', 'internet'],
    ['10.0.0.0/8', 'invalid'],
    ['["8.8.8.8", "10.0.0.1"]', 'invalid'],
    ["'; DROP TABLE audit_events; --", 'invalid'],
  ];
  const got = await row(cases.map(([ip], i) => `ip_to_domain('${ip.replaceAll("'", "''")}') AS d${i}`).join(', '));
  assert.deepEqual(
    got,
    cases.map(([, d]) => d),
  );
});

test('ip_to_* answer from the addresses the project has seen, IPv6 included', async () => {
  const [country, province, provider, v6country, unseen, intranet] = await row(
    "ip_to_country('8.8.8.8'), ip_to_province('8.8.8.8'), ip_to_provider('8.8.8.8'), ip_to_country('2001:4860:4860::8888'), ip_to_country('1.1.1.1'), ip_to_country('10.0.0.1')",
  );
  assert.equal(country, 'United States');
  assert.equal(province, 'California');
  assert.match(String(provider), /google/i);
  assert.ok(typeof v6country === 'string' && v6country.length > 0);
  // Not among the project's source addresses, and an intranet one: no location.
  assert.equal(unseen, null);
  assert.equal(intranet, null);
});

test('security_check_ip flags the bundled bogon ranges and any list loaded; a reload replaces the list', async () => {
  assert.deepEqual(
    await row(
      "security_check_ip('203.0.113.7'), security_check_ip('2001:db8::1'), security_check_ip('8.8.8.8'), security_check_ip('nope')",
    ),
    [1, 1, 0, 0],
  );
  await loadRiskyList(f.deps, 'feed', '# a feed\n8.8.8.0/24\n\n45.9.20.11 # scanner\n10.1.2.3/8\n');
  assert.deepEqual(await row("security_check_ip('8.8.8.8'), security_check_ip('45.9.20.11'), security_check_ip('10.200.0.1')"), [1, 1, 1]);
  await loadRiskyList(f.deps, 'feed', '45.9.20.11\n');
  assert.deepEqual(await row("security_check_ip('8.8.8.8'), security_check_ip('45.9.20.11'), security_check_ip('203.0.113.7')"), [0, 1, 1]);
  const status = await ipIntelStatus(f.deps, { city: 'test' });
  assert.deepEqual(
    status.riskyLists.map((l) => [l.source, l.ranges]),
    [
      ['bogons', 11],
      ['feed', 1],
    ],
  );
});

test('a risky list that is not one is refused whole, naming the lines', async () => {
  await assert.rejects(
    loadRiskyList(f.deps, 'feed', '1.2.3.4\nnot-an-address\n1.2.3.4/99\n'),
    (e: unknown) => e instanceof AppError && e.code === 'BAD_REQUEST' && /line 2: "not-an-address"; line 3/.test(e.message),
  );
  await assert.rejects(loadRiskyList(f.deps, 'Bad Name!', '1.2.3.4'), /list name/);
  assert.deepEqual(await row("security_check_ip('45.9.20.11'), security_check_ip('1.2.3.4')"), [1, 0]);
});

test('refresh locates addresses of events stored before they were located, and drops what no longer locates', async () => {
  await f.deps.pool.query('DELETE FROM ip_locations');
  await f.deps.pool.query(`INSERT INTO ip_locations (cluster_id, ip, country) VALUES ($1, '10.0.0.1', 'Stale')`, [f.cluster]);
  assert.equal((await row("ip_to_country('8.8.8.8')"))[0], null);
  const result = await refreshIpLocations(f.deps, new GeoIp());
  assert.equal(result.addresses, 3);
  assert.equal(result.located, 2);
  assert.deepEqual(await row("ip_to_country('8.8.8.8'), ip_to_country('10.0.0.1')"), ['United States', null]);
});
