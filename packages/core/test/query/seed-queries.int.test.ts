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
  const answer = await runQuery(f.deps, { project: f.project, ...range, query: EXCLUDE_SYSTEM, limit: 1000 });
  assert.equal(answer.kind, 'search');
  if (answer.kind !== 'search') return;
  const users = new Set(answer.events.map((e) => (e as { user: { username: string } }).user.username));
  assert.deepEqual([...users].sort(), ['alice@example.com', 'carol@example.com', 'kubernetes-admin']);
  // e1–e5, the pod read and carol's delete; the five system components are out.
  assert.equal(answer.total, 7);
  assert.equal(answer.events.length, 7);
});
