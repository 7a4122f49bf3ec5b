import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../src/index';
import { BASE, ev, HOUR, queryFixture, type QueryFixture } from './query-fixture';

// The seeds' first alert, as printed there: commands run in containers.
const EXEC_ALERT = `verb : create and objectRef.subresource:exec and stage: ResponseStarted | SELECT auditID as "Event ID", date_format(from_unixtime(__time__), '%Y-%m-%d %T' ) as "Time", regexp_extract("requestURI", '([^\\?]*)/exec\\?.*', 1)as "Resource", regexp_extract("requestURI", '\\?(.*)', 1)as "Command" ,"responseStatus.code" as "Status code",
CASE
WHEN "user.username" != 'kubernetes-admin' then "user.username"
WHEN "user.username" = 'kubernetes-admin' and regexp_like("annotations.authorization.k8s.io/reason", 'RoleBinding') then regexp_extract("annotations.authorization.k8s.io/reason", ' to User "(\\w+)"', 1)
ELSE 'kubernetes-admin' END
as "User account",
CASE WHEN json_array_length(sourceIPs) = 1 then json_format(json_array_get(sourceIPs, 0)) ELSE sourceIPs END
as "Source IP address" order by "Time" desc limit 10000`;

// The Chinese page's variant of the same alert (its own column names, limit 100).
const EXEC_ALERT_ZH = `verb : create and objectRef.subresource:exec and stage:  ResponseStarted | SELECT auditID as "事件ID", date_format(from_unixtime(__time__), '%Y-%m-%d %T' ) as "操作时间",  regexp_extract("requestURI", '([^\\?]*)/exec\\?.*', 1)as "资源",  regexp_extract("requestURI", '\\?(.*)', 1)as "命令" ,"responseStatus.code" as "状态码",
 CASE 
 WHEN "user.username" != 'kubernetes-admin' then "user.username"
 WHEN "user.username" = 'kubernetes-admin' and regexp_like("annotations.authorization.k8s.io/reason", 'RoleBinding') then regexp_extract("annotations.authorization.k8s.io/reason", ' to User "(\\w+)"', 1)
 ELSE 'kubernetes-admin' END  
 as "操作账号", 
CASE WHEN json_array_length(sourceIPs) = 1 then json_format(json_array_get(sourceIPs, 0)) ELSE  sourceIPs END
as "源地址" limit 100`;

// The seeds' second alert: Internet access to the API server, per source address.
const INTERNET_ALERT = `* | select ip as "Source IP address", total as "Number of times of Internet access", round(rate * 100, 2) as "Failure rate in percentage", failCount as "Number of times of illegal access", CASE when security_check_ip(ip) = 1 then 'yes' else 'no' end as "Whether the IP address is risky", ip_to_country(ip) as "Country", ip_to_province(ip) as "Province", ip_to_city(ip) as "City", ip_to_provider(ip) as "ISP" from (select CASE WHEN json_array_length(sourceIPs) = 1 then json_format(json_array_get(sourceIPs, 0)) ELSE sourceIPs END
as ip, count(1) as total,
sum(CASE WHEN "responseStatus.code" < 400 then 0
ELSE 1 END) * 1.0 / count(1) as rate,
count_if("responseStatus.code" = 403) as failCount
from log group by ip limit 10000) where ip_to_domain(ip) != 'intranet' and ip not LIKE '%,%' and not try(is_subnet_of('7.0.0.0/8', ip)) ORDER by "Number of times of Internet access" desc limit 10000`;

// Its Chinese variant keeps only addresses with more than 10 requests failing over half the time.
const INTERNET_ALERT_ZH = `* | select ip as "源地址", total as "访问次数", round(rate * 100, 2) as "失败率%", failCount as "非法访问次数", CASE when security_check_ip(ip) = 1 then 'yes' else 'no' end  as "是否高危IP",  ip_to_country(ip) as "国家", ip_to_province(ip) as "省", ip_to_city(ip) as "市", ip_to_provider(ip) as "运营商" from (select CASE WHEN json_array_length(sourceIPs) = 1 then json_format(json_array_get(sourceIPs, 0)) ELSE  sourceIPs END
as ip, count(1) as total,
sum(CASE WHEN "responseStatus.code" < 400 then 0 
ELSE 1 END) * 1.0 / count(1) as rate,
count_if("responseStatus.code" = 403) as failCount
from log  group by ip limit 10000) where ip_to_domain(ip) != 'intranet'  having "访问次数" > 10 and "失败率%" > 50 ORDER by "访问次数" desc limit 100`;

const EXCLUDE_SYSTEM =
  'NOT user.username: node NOT user.username: serviceaccount NOT user.username: apiserver NOT user.username: kube-scheduler NOT user.username: kube-controller-manager';

let f: QueryFixture;
const range = { from: new Date(BASE - HOUR), to: new Date(BASE + 24 * HOUR) };

const exec = (id: string, over: Record<string, unknown>) => {
  const ts = new Date(BASE + Number(id.slice(1)) * 60_000).toISOString();
  return ev({
    auditID: id,
    verb: 'create',
    stage: 'ResponseStarted',
    requestURI: `/api/v1/namespaces/shop/pods/web-${id}/exec?command=sh&container=web&stdin=true&tty=true`,
    objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: `web-${id}`, apiVersion: 'v1' },
    responseStatus: { code: 101 },
    stageTimestamp: ts,
    requestReceivedTimestamp: ts,
    ...over,
  });
};

before(async () => {
  f = await queryFixture();
  await f.store(f.cluster, [
    exec('e1', { user: { username: 'alice@example.com', groups: ['devs'] }, sourceIPs: ['203.0.113.9'] }),
    exec('e2', {
      user: { username: 'kubernetes-admin', groups: ['system:masters'] },
      sourceIPs: ['198.51.100.4'],
      annotations: {
        'authorization.k8s.io/decision': 'allow',
        'authorization.k8s.io/reason': 'RBAC: allowed by RoleBinding "ops-exec/shop" of ClusterRole "admin" to User "bob"',
      },
    }),
    exec('e3', {
      user: { username: 'kubernetes-admin', groups: ['system:masters'] },
      sourceIPs: ['10.1.2.3', '10.9.9.9'],
      annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
    }),
    // Not alerts: the same exec's completion, a read, a port-forward.
    exec('e4', { stage: 'ResponseComplete' }),
    ev({ verb: 'get', objectRef: { resource: 'pods', namespace: 'shop', name: 'web-1', apiVersion: 'v1' } }),
    exec('e5', { objectRef: { resource: 'pods', subresource: 'portforward', namespace: 'shop', apiVersion: 'v1' } }),
    // System components the "exclude system components" search leaves out.
    ev({ user: { username: 'system:node:ip-10-0-1-2.ec2.internal', groups: ['system:nodes'] } }),
    ev({ user: { username: 'system:serviceaccount:kube-system:replicaset-controller' } }),
    ev({ user: { username: 'system:apiserver' } }),
    ev({ user: { username: 'system:kube-scheduler' } }),
    ev({ user: { username: 'system:kube-controller-manager' } }),
    ev({ user: { username: 'carol@example.com' }, verb: 'delete' }),
  ]);
  // The Internet-access alert's fixture, in the other cluster of the project.
  const calls = (ip: string | string[], codes: number[]) =>
    codes.map((code) => ev({ sourceIPs: Array.isArray(ip) ? ip : [ip], responseStatus: { code } }));
  await f.store(f.otherCluster, [
    ...calls('8.8.8.8', [...Array<number>(8).fill(403), ...Array<number>(4).fill(200)]),
    ...calls('1.1.1.1', Array<number>(11).fill(200)),
    ...calls('198.51.100.4', Array<number>(10).fill(403)),
    ...calls('114.114.114.114', [401, 401, 401]),
    // Left out: an intranet address, one in 7.0.0.0/8, a forwarded pair (the
    // Chinese variant, which has no filter for the last two, keeps them).
    ...calls('10.0.0.7', Array<number>(20).fill(403)),
    ...calls('7.1.2.3', Array<number>(20).fill(403)),
    ...calls(['8.8.4.4', '10.0.0.1'], Array<number>(19).fill(403)),
  ]);
  // Another project's exec must never show up.
  await f.store(f.foreignCluster, [exec('e9', { user: { username: 'mallory@example.com' } })]);
});
after(() => f?.close());

test('the exec alert of the seeds runs unchanged and names container, command, user and source', async () => {
  const answer = await runQuery(f.deps, { project: f.project, ...range, query: EXEC_ALERT });
  assert.equal(answer.kind, 'analytics');
  if (answer.kind !== 'analytics') return;
  assert.deepEqual(answer.columns, ['Event ID', 'Time', 'Resource', 'Command', 'Status code', 'User account', 'Source IP address']);
  assert.deepEqual(answer.rows, [
    [
      'e3',
      '2026-11-20 08:03:00',
      '/api/v1/namespaces/shop/pods/web-e3',
      'command=sh&container=web&stdin=true&tty=true',
      101,
      'kubernetes-admin',
      '["10.1.2.3", "10.9.9.9"]',
    ],
    [
      'e2',
      '2026-11-20 08:02:00',
      '/api/v1/namespaces/shop/pods/web-e2',
      'command=sh&container=web&stdin=true&tty=true',
      101,
      'bob',
      '198.51.100.4',
    ],
    [
      'e1',
      '2026-11-20 08:01:00',
      '/api/v1/namespaces/shop/pods/web-e1',
      'command=sh&container=web&stdin=true&tty=true',
      101,
      'alice@example.com',
      '203.0.113.9',
    ],
  ]);
});

test('the Chinese variant runs unchanged too, with its own column names', async () => {
  const answer = await runQuery(f.deps, { project: f.project, ...range, query: EXEC_ALERT_ZH });
  assert.equal(answer.kind, 'analytics');
  if (answer.kind !== 'analytics') return;
  assert.deepEqual(answer.columns, ['事件ID', '操作时间', '资源', '命令', '状态码', '操作账号', '源地址']);
  assert.deepEqual(answer.rows.map((r) => r[0]).sort(), ['e1', 'e2', 'e3']);
  assert.deepEqual(answer.rows.find((r) => r[0] === 'e2')?.[5], 'bob');
});

test('the "exclude system components" search leaves only people', async () => {
  const answer = await runQuery(f.deps, { project: f.project, cluster: 'prod', ...range, query: EXCLUDE_SYSTEM, limit: 1000 });
  assert.equal(answer.kind, 'search');
  if (answer.kind !== 'search') return;
  const users = new Set(answer.events.map((e) => (e as { user: { username: string } }).user.username));
  assert.deepEqual([...users].sort(), ['alice@example.com', 'carol@example.com', 'kubernetes-admin']);
  // e1–e5, the pod read and carol's delete; the five system components are out.
  assert.equal(answer.total, 7);
  assert.equal(answer.events.length, 7);
});

test('the Internet-access alert of the seeds runs unchanged: counts, failure rate, risk and location per public address', async () => {
  const answer = await runQuery(f.deps, { project: f.project, cluster: 'staging', ...range, query: INTERNET_ALERT });
  assert.equal(answer.kind, 'analytics');
  if (answer.kind !== 'analytics') return;
  assert.deepEqual(answer.columns, [
    'Source IP address',
    'Number of times of Internet access',
    'Failure rate in percentage',
    'Number of times of illegal access',
    'Whether the IP address is risky',
    'Country',
    'Province',
    'City',
    'ISP',
  ]);
  const byIp = answer.rows.map((r) => r.slice(0, 6));
  assert.deepEqual(byIp, [
    ['8.8.8.8', 12, 66.67, 8, 'no', 'United States'],
    ['1.1.1.1', 11, 0, 0, 'no', 'Australia'],
    // A documentation range (TEST-NET-2): never a real client, so listed as risky; no location.
    ['198.51.100.4', 10, 100, 10, 'yes', null],
    ['114.114.114.114', 3, 100, 0, 'no', 'China'],
  ]);
  const google = answer.rows[0]!;
  assert.equal(google[6], 'California');
  assert.ok(typeof google[7] === 'string' && google[7].length > 0, 'a city for 8.8.8.8');
  assert.match(String(google[8]), /google/i);
  assert.match(String(answer.rows[1]![8]), /cloudflare/i);
});

test('the Chinese variant keeps addresses with more than 10 requests failing over half the time', async () => {
  const answer = await runQuery(f.deps, { project: f.project, cluster: 'staging', ...range, query: INTERNET_ALERT_ZH });
  assert.equal(answer.kind, 'analytics');
  if (answer.kind !== 'analytics') return;
  assert.deepEqual(answer.columns, ['源地址', '访问次数', '失败率%', '非法访问次数', '是否高危IP', '国家', '省', '市', '运营商']);
  assert.deepEqual(
    answer.rows.map((r) => r.slice(0, 5)),
    [
      ['7.1.2.3', 20, 100, 20, 'no'],
      ['["8.8.4.4", "10.0.0.1"]', 19, 100, 19, 'no'],
      ['8.8.8.8', 12, 66.67, 8, 'no'],
    ],
  );
  // A list of addresses is no address: it has no location.
  assert.deepEqual(answer.rows[1]!.slice(5), [null, null, null, null]);
  assert.equal(answer.rows[2]![5], 'United States');
});

test("another project never sees where this project's addresses are", async () => {
  const foreign = "* | SELECT ip_to_country('8.8.8.8') AS c, ip_to_provider('1.1.1.1') AS p FROM log LIMIT 1";
  await f.store(f.foreignCluster, [ev({ sourceIPs: ['10.0.0.9'] })]);
  const answer = await runQuery(f.deps, { project: f.otherProject, ...range, query: foreign });
  assert.equal(answer.kind, 'analytics');
  if (answer.kind !== 'analytics') return;
  assert.deepEqual(answer.rows, [[null, null]]);
  const own = await runQuery(f.deps, { project: f.project, ...range, query: foreign });
  assert.equal(own.kind === 'analytics' && own.rows[0]![0], 'United States');
});
