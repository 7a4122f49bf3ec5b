import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { QueryTimeoutError, runScopedQuery } from '@kubetrail/db';
import { buildAnalyticsQuery, isAnalytics, parseQuery, QueryError } from '@kubetrail/query';
import { runQuery } from '../../src/index';
import { BASE, ev, HOUR, queryFixture, type QueryFixture } from './query-fixture';

let f: QueryFixture;
const range = { from: new Date(BASE - HOUR), to: new Date(BASE + 48 * HOUR) };
const iso = (minute: number) => new Date(BASE + minute * 60_000).toISOString();
const user = (username: string, groups = ['system:authenticated']) => ({ username, groups });

/** An event at `BASE + minute` (BASE is Friday 2026-11-20 08:00 UTC). */
const e = (id: string, minute: number, over: Record<string, unknown>) =>
  ev({ auditID: id, stageTimestamp: iso(minute), requestReceivedTimestamp: iso(minute - 0.001), ...over });

const EVENTS = [
  e('a1', 0, {
    verb: 'get',
    user: user('alice@example.com', ['devs', 'system:authenticated']),
    requestURI: '/api/v1/namespaces/default/pods?limit=50',
  }),
  e('a2', 5, { verb: 'get', user: user('alice@example.com', ['devs', 'system:authenticated']), sourceIPs: ['10.0.0.7', '192.168.0.1'] }),
  e('a3', 10, {
    verb: 'list',
    user: user('bob@example.com', ['ops']),
    objectRef: { resource: 'deployments', namespace: 'shop', apiGroup: 'apps', apiVersion: 'v1' },
    sourceIPs: ['192.168.1.20'],
  }),
  e('a4', 15, {
    verb: 'delete',
    user: user('bob@example.com', ['ops']),
    objectRef: { resource: 'deployments', namespace: 'shop', name: 'cart', apiGroup: 'apps', apiVersion: 'v1' },
    responseStatus: { code: 403 },
    annotations: { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': 'RBAC: no matching role' },
    sourceIPs: ['192.168.1.20'],
  }),
  e('a5', 70, {
    verb: 'create',
    user: user('system:serviceaccount:kube-system:replicaset-controller', ['system:serviceaccounts']),
    objectRef: { resource: 'pods', namespace: 'kube-system', name: 'coredns-1', apiVersion: 'v1' },
    responseStatus: { code: 201 },
    userAgent: 'kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/abc123',
    sourceIPs: ['172.16.0.3'],
  }),
  e('a6', 75, {
    verb: 'create',
    stage: 'ResponseStarted',
    user: user('kubernetes-admin', ['system:masters']),
    requestURI: '/api/v1/namespaces/shop/pods/web-0/exec?command=sh&container=web',
    objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web-0', apiVersion: 'v1' },
    responseStatus: { code: 101 },
    annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': 'RBAC: allowed by RoleBinding "ops-exec/shop" of ClusterRole "admin" to User "bob"',
    },
    sourceIPs: ['203.0.113.9'],
  }),
  e('a7', 130, {
    verb: 'get',
    user: user('carol@example.com'),
    objectRef: { resource: 'secrets', namespace: 'payments', name: 'db_password', apiVersion: 'v1' },
    responseStatus: { code: 404 },
    userAgent: 'curl/8.4.0',
    sourceIPs: ['10.0.0.8'],
  }),
  e('a8', 135, {
    verb: 'get',
    user: user('carol@example.com'),
    objectRef: { resource: 'secrets', namespace: 'payments', name: 'db-password', apiVersion: 'v1' },
    responseStatus: { code: 404 },
    sourceIPs: [],
  }),
  e('a9', 140, {
    verb: 'patch',
    user: user('dave@example.com'),
    objectRef: { resource: 'configmaps', namespace: 'payments', name: 'cfg%1', apiVersion: 'v1' },
    responseStatus: { code: 500 },
    requestObject: {
      metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
      spec: { replicas: 3, ports: [{ port: 80 }, { port: 443 }] },
    },
    sourceIPs: ['10.0.0.9'],
  }),
  e('a10', 1500, {
    verb: 'watch',
    user: user('erin@example.com'),
    objectRef: { resource: 'pods', apiVersion: 'v1' },
    sourceIPs: ['2001:db8::1'],
  }),
];

async function analytics(query: string) {
  const answer = await runQuery(f.deps, { project: f.project, ...range, query });
  assert.ok(answer.kind === 'analytics');
  return answer;
}
const rows = async (query: string) => (await analytics(query)).rows;
/** The rows as objects by column name, for queries with several columns. */
const records = async (query: string) => {
  const { columns, rows } = await analytics(query);
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
};
const first = async (query: string) => (await records(query))[0]!;

async function rejectsQuery(query: string, message: RegExp) {
  await assert.rejects(analytics(query), (err: unknown) => {
    assert.ok(err instanceof QueryError, `expected a QueryError, got ${String(err)}`);
    assert.match(err.message, message);
    return true;
  });
}

const compile = (query: string) => {
  const parsed = parseQuery(query);
  assert.ok(isAnalytics(parsed));
  return buildAnalyticsQuery(parsed, { clusterIds: [f.cluster], ...range });
};

before(async () => {
  f = await queryFixture();
  await f.store(f.cluster, EVENTS);
  await f.store(f.foreignCluster, [e('x1', 0, { verb: 'get', user: user('mallory@example.com') })]);
});
after(() => f?.close());

test('GROUP BY with ORDER BY on an aggregate alias, then the group', async () => {
  const answer = await analytics('* | select verb, count(1) as n from log group by verb order by n desc, verb');
  assert.deepEqual(answer.columns, ['verb', 'n']);
  assert.deepEqual(answer.rows, [
    ['get', 4],
    ['create', 2],
    ['delete', 1],
    ['list', 1],
    ['patch', 1],
    ['watch', 1],
  ]);
  assert.equal(answer.truncated, false);
});

test('GROUP BY and ORDER BY by position', async () => {
  assert.deepEqual((await rows('* | select verb, count(1) as n from log group by 1 order by 2 desc, 1 limit 2')).flat(), [
    'get',
    4,
    'create',
    2,
  ]);
});

test('HAVING on an aggregate, and on its alias', async () => {
  const expected = [
    ['create', 2],
    ['get', 4],
  ];
  assert.deepEqual(await rows('* | select verb, count(*) as n from log group by verb having count(*) > 1 order by verb'), expected);
  assert.deepEqual(await rows('* | select verb, count(*) as n from log group by verb having n > 1 order by verb'), expected);
});

test('LIMIT, `LIMIT offset, count` and LIMIT … OFFSET', async () => {
  const base = '* | select verb, count(1) as n from log group by verb order by n desc, verb';
  assert.deepEqual(await rows(`${base} limit 2`), [
    ['get', 4],
    ['create', 2],
  ]);
  const page = [
    ['create', 2],
    ['delete', 1],
  ];
  assert.deepEqual(await rows(`${base} limit 1, 2`), page);
  assert.deepEqual(await rows(`${base} limit 2 offset 1`), page);
  assert.deepEqual(await rows(`${base} limit 0`), []);
});

test('aliases with spaces and Chinese, in ORDER BY too', async () => {
  const answer = await analytics(
    '* | select "user.username" as "用户 名", count(1) as "事件 数" from log group by "user.username" order by "事件 数" desc, "用户 名" limit 3',
  );
  assert.deepEqual(answer.columns, ['用户 名', '事件 数']);
  assert.deepEqual(answer.rows, [
    ['alice@example.com', 2],
    ['bob@example.com', 2],
    ['carol@example.com', 2],
  ]);
  const grouped = await analytics(
    '* | select verb as "Verb", count(1) as "次数" from log group by "Verb" having "次数" >= 2 order by "次数" desc',
  );
  assert.deepEqual(grouped.columns, ['Verb', '次数']);
  assert.deepEqual(grouped.rows, [
    ['get', 4],
    ['create', 2],
  ]);
});

test('quoted dotted columns read lifted columns and nested jsonb alike', async () => {
  assert.deepEqual(
    await first(
      '* | select "user.username" as u, "objectRef.subresource" as s, "requestObject.spec.replicas" as r, "requestObject.metadata.labels.app.kubernetes.io/name" as app, "user.groups" as g, "annotations.authorization.k8s.io/decision" as d from log where auditID = \'a9\'',
    ),
    { u: 'dave@example.com', s: null, r: 3, app: 'web', g: ['system:authenticated'], d: 'allow' },
  );
});

test('count(1), count(*), count(x) and count(DISTINCT x)', async () => {
  assert.deepEqual(
    await first(
      '* | select count(1) as a, count(*) as b, count(distinct "user.username") as c, count("objectRef.name") as d, count(distinct verb) as e from log',
    ),
    { a: 10, b: 10, c: 7, d: 6, e: 6 },
  );
});

test('count_if counts the rows where the condition holds', async () => {
  assert.deepEqual(await first(`* | select count_if("responseStatus.code" >= 400) as errors, count_if(verb = 'get') as gets from log`), {
    errors: 4,
    gets: 4,
  });
});

test('sum, avg, min and max', async () => {
  const r = await first(
    '* | select sum("responseStatus.code") as s, avg("responseStatus.code") as a, min("responseStatus.code") as mn, max("responseStatus.code") as mx from log',
  );
  assert.deepEqual([Number(r.s), Number(r.a), r.mn, r.mx], [2813, 281.3, 101, 500]);
  const t = await first('* | select min(verb) as a, max(verb) as b, min(__time__) as c, max(stageTimestamp) as d from log');
  assert.deepEqual([t.a, t.b, t.c, (t.d as Date).toISOString()], ['create', 'watch', BASE / 1000, iso(1500)]);
});

test('approx_distinct, arbitrary, max_by and min_by', async () => {
  assert.deepEqual(await first(`* | select approx_distinct("user.username") as u, arbitrary(verb) as v from log where verb = 'list'`), {
    u: 1,
    v: 'list',
  });
  assert.equal((await first('* | select approx_distinct(verb) as n from log')).n, 6);
  assert.deepEqual(await first('* | select max_by(auditID, __time__) as last, min_by(auditID, __time__) as first from log'), {
    last: 'a10',
    first: 'a1',
  });
});

test('histogram counts each value', async () => {
  assert.deepEqual((await first('* | select histogram(verb) as h from log')).h, {
    get: 4,
    create: 2,
    delete: 1,
    list: 1,
    patch: 1,
    watch: 1,
  });
});

test('simple CASE compares its operand with each WHEN', async () => {
  const r = await rows(
    "* | select auditID, case verb when 'get' then 'read' when 'list' then 'read' when 'watch' then 'read' else 'write' end as kind from log order by kind, auditID",
  );
  assert.deepEqual(r, [
    ['a1', 'read'],
    ['a10', 'read'],
    ['a2', 'read'],
    ['a3', 'read'],
    ['a7', 'read'],
    ['a8', 'read'],
    ['a4', 'write'],
    ['a5', 'write'],
    ['a6', 'write'],
    ['a9', 'write'],
  ]);
});

test('searched CASE takes the first WHEN that holds', async () => {
  assert.deepEqual(
    await rows(
      `* | select case when "responseStatus.code" >= 500 then 'server' when "responseStatus.code" >= 400 then 'client' else 'ok' end as k, count(1) as n from log group by k order by k`,
    ),
    [
      ['client', 3],
      ['ok', 6],
      ['server', 1],
    ],
  );
  assert.deepEqual(await rows(`* | select case when verb = 'watch' then 1 end as x from log where auditID in ('a1', 'a10') order by x`), [
    [1],
    [null],
  ]);
});

test('if with and without an else, and coalesce', async () => {
  assert.deepEqual(
    await rows(
      `* | select if("responseStatus.code" = 404, 'missing', 'found') as x, if(verb = 'watch', 1) as y from log where auditID in ('a7', 'a10', 'a1') order by auditID`,
    ),
    [
      ['found', null],
      ['found', 1],
      ['missing', null],
    ],
  );
  assert.deepEqual(
    await rows(
      `* | select auditID, coalesce("objectRef.name", "objectRef.resource", 'none') as n from log where auditID in ('a1', 'a4') order by auditID`,
    ),
    [
      ['a1', 'pods'],
      ['a4', 'cart'],
    ],
  );
});

test('round to whole numbers and to digits, half away from zero', async () => {
  const r = await first(
    '* | select round(avg("responseStatus.code")) as a, round(avg("responseStatus.code"), 2) as b, round(2.5) as c, round(-2.5) as d, round(1.005, 2) as e from log',
  );
  assert.deepEqual(
    Object.values(r).map((v) => Number(v)),
    [281, 281.3, 3, -3, 1.01],
  );
});

test('try, try_cast and cast', async () => {
  assert.deepEqual(
    await first(
      `* | select try(cast(verb as bigint)) as a, try_cast('12' as bigint) as b, try_cast(verb as double) as c, cast('3.5' as double) as d, cast("responseStatus.code" as varchar) as e, try_cast('x' as timestamp) as f, try(regexp_like(verb, '(')) as g from log where auditID = 'a1'`,
    ),
    { a: null, b: 12, c: null, d: 3.5, e: '200', f: null, g: null },
  );
  // Without try, what does not convert fails the query, as in Presto.
  await assert.rejects(
    analytics(`* | select cast(verb as bigint) as x from log where auditID = 'a1'`),
    /invalid input syntax for type bigint/,
  );
  await assert.rejects(analytics(`* | select regexp_like(verb, '(') as x from log`), /invalid regular expression/);
});

test('date_format with several specifiers, in UTC', async () => {
  assert.deepEqual(
    await first(
      `* | select date_format(from_unixtime(__time__), '%Y-%m-%d %H:%i:%s') as a, date_format(stageTimestamp, '%Y/%m/%d %T') as b, date_format(__time__, '%b %e, %Y %h:%i %p') as c, date_format(stageTimestamp, '%W %M %D %j') as d, date_format(stageTimestamp, '100%% %y %H.%f') as e from log where auditID = 'a5'`,
    ),
    {
      a: '2026-11-20 09:10:00',
      b: '2026/11/20 09:10:00',
      c: 'Nov 20, 2026 09:10 AM',
      d: 'Friday November 20th 324',
      e: '100% 26 09.000000',
    },
  );
});

test('date_trunc by hour and by day, grouped by alias and by position', async () => {
  const hours = await rows(`* | select date_trunc('hour', __time__) as h, count(1) as n from log group by h order by h`);
  assert.deepEqual(
    hours.map(([h, n]) => [(h as Date).toISOString(), n]),
    [
      [iso(0), 4],
      [iso(60), 2],
      [iso(120), 3],
      [iso(1500), 1],
    ],
  );
  const days = await rows(
    `* | select date_format(date_trunc('day', stageTimestamp), '%Y-%m-%d') as d, count(1) as n from log group by 1 order by 1`,
  );
  assert.deepEqual(days, [
    ['2026-11-20', 9],
    ['2026-11-21', 1],
  ]);
});

test('__time__, from_unixtime and to_unixtime agree', async () => {
  const r = await first(
    `* | select __time__ as t, to_unixtime(stageTimestamp) as u, from_unixtime(__time__) as f, to_unixtime(from_unixtime(1764230400)) as r from log where auditID = 'a1'`,
  );
  assert.deepEqual([r.t, Number(r.u), (r.f as Date).toISOString(), Number(r.r)], [BASE / 1000, BASE / 1000, iso(0), 1764230400]);
  assert.deepEqual(
    await first(`* | select day_of_week(__time__) as dow, hour(__time__) as h, year(stageTimestamp) as y from log where auditID = 'a1'`),
    {
      dow: 5,
      h: 8,
      y: 2026,
    },
  );
});

test('regexp_extract, regexp_like and regexp_replace', async () => {
  assert.deepEqual(
    await rows(
      `* | select regexp_extract(requestURI, '\\?(.*)', 1) as q, regexp_extract(requestURI, '[a-z]+') as w, regexp_like(requestURI, 'exec\\?') as e, regexp_replace("objectRef.name", '[-_]', '.') as r from log where auditID in ('a1', 'a6', 'a7') order by auditID`,
    ),
    [
      ['limit=50', 'api', false, null],
      ['command=sh&container=web', 'api', true, 'web.0'],
      [null, 'api', false, 'db.password'],
    ],
  );
  assert.equal((await first(`* | select regexp_replace('a-b-c', '(\\w)-(\\w)', '$2+$1') as x from log limit 1`)).x, 'b+a-c');
  assert.equal(
    (
      await first(
        `* | select regexp_extract("annotations.authorization.k8s.io/reason", ' to User "(\\w+)"', 1) as u from log where auditID = 'a6'`,
      )
    ).u,
    'bob',
  );
});

test('split_part counts fields from 1 and has no value past the last', async () => {
  assert.deepEqual(
    await first(
      `* | select split_part("user.username", '@', 1) as u, split_part(requestURI, '/', 3) as v, split_part('a,b', ',', 2) as b, split_part('a,,b', ',', 2) as empty, split_part('a,b', ',', 3) as past, split_part('a<>b<>c', '<>', 3) as multi, split_part('a,b', ',', 0) as zero from log where auditID = 'a1'`,
    ),
    { u: 'alice', v: 'v1', b: 'b', empty: '', past: null, multi: 'c', zero: null },
  );
});

test('lower, upper, length, strpos and contains', async () => {
  assert.deepEqual(
    await first(
      `* | select lower('ABC') as a, upper(verb) as b, length("user.username") as c, strpos("user.username", '@') as d, strpos('abc', 'z') as e, contains(sourceIPs, '192.168.0.1') as f, contains(sourceIPs, '192.168.0') as g, contains("user.username", 'example') as h from log where auditID = 'a2'`,
    ),
    { a: 'abc', b: 'GET', c: 17, d: 6, e: 0, f: true, g: false, h: true },
  );
});

test('json_array_length, json_array_get and json_format on sourceIPs', async () => {
  assert.deepEqual(
    await rows(
      `* | select auditID, json_array_length(sourceIPs) as n, json_array_get(sourceIPs, 0) as first, json_format(json_array_get(sourceIPs, 1)) as second, json_format(sourceIPs) as all from log where auditID in ('a1', 'a2', 'a8') order by auditID`,
    ),
    [
      ['a1', 1, '10.0.0.7', null, '["10.0.0.7"]'],
      ['a2', 2, '10.0.0.7', '192.168.0.1', '["10.0.0.7", "192.168.0.1"]'],
      ['a8', 0, null, null, '[]'],
    ],
  );
});

test('json_extract and json_extract_scalar on sourceIPs and nested objects', async () => {
  assert.deepEqual(
    await first(
      `* | select json_extract(sourceIPs, '$[0]') as a, json_extract_scalar(sourceIPs, '$[1]') as b, json_extract_scalar(sourceIPs, '$[5]') as c from log where auditID = 'a2'`,
    ),
    { a: '10.0.0.7', b: '192.168.0.1', c: null },
  );
  assert.deepEqual(
    await first(
      `* | select json_extract("requestObject", '$.spec.ports') as p, json_extract_scalar("requestObject", '$.spec.ports[1].port') as p1, json_extract_scalar("requestObject", '$.metadata.labels["app.kubernetes.io/name"]') as app, json_extract_scalar("requestObject", '$.spec') as notscalar, json_array_length(json_extract("requestObject", '$.spec.ports')) as np from log where auditID = 'a9'`,
    ),
    { p: [{ port: 80 }, { port: 443 }], p1: '443', app: 'web', notscalar: null, np: 2 },
  );
});

test('json_parse reads text as JSON, and text that is not JSON as no value', async () => {
  assert.deepEqual(
    await first(
      `* | select json_extract_scalar(json_parse('{"a": {"b": [1, "x"]}}'), '$.a.b[1]') as a, json_format(json_parse('[1,2]')) as b, json_parse('not json') as c, json_array_length(json_parse('[1,2,3]')) as d, json_array_get(json_parse('["p","q"]'), 1) as e from log limit 1`,
    ),
    { a: 'x', b: '[1, 2]', c: null, d: 3, e: 'q' },
  );
});

test('is_subnet_of checks IPv4 and IPv6 networks, and has no value for what is not an address', async () => {
  assert.deepEqual(
    await rows(
      `* | select auditID, is_subnet_of('10.0.0.0/8', json_format(json_array_get(sourceIPs, 0))) as private10, is_subnet_of('2001:db8::/32', json_format(json_array_get(sourceIPs, 0))) as v6, is_subnet_of('10.0.0.0/8', 'nonsense') as bad from log where auditID in ('a1', 'a3', 'a10') order by auditID`,
    ),
    [
      ['a1', true, false, null],
      ['a10', false, true, null],
      ['a3', false, false, null],
    ],
  );
});

test('LIKE: `_` is one character and `%` any run; ESCAPE makes them literal', async () => {
  const names = async (where: string) => (await rows(`* | select "objectRef.name" as n from log where ${where} order by n`)).flat();
  assert.deepEqual(await names(`"objectRef.name" like 'db_password'`), ['db-password', 'db_password']);
  assert.deepEqual(await names(`"objectRef.name" like 'db\\_password' escape '\\'`), ['db_password']);
  assert.deepEqual(await names(`"objectRef.name" like 'cfg!%%' escape '!'`), ['cfg%1']);
  assert.deepEqual(await names(`"objectRef.name" like 'c%'`), ['cart', 'cfg%1', 'coredns-1']);
  assert.deepEqual(await names(`"objectRef.name" not like '%a%'`), ['cfg%1', 'coredns-1', 'web-0']);
});

test('LIKE has no escape character unless one is given', async () => {
  const names = async (where: string) => (await rows(`* | select "objectRef.name" as n from log where ${where} order by n`)).flat();
  assert.deepEqual(await names(`"objectRef.name" like 'db\\_%'`), []);
  assert.deepEqual(await first(`* | select 'a\\b' like 'a\\b' as x, 'a\\b' like 'a\\\\b' as y from log limit 1`), { x: true, y: false });
});

test('IN, NOT IN, BETWEEN and NOT BETWEEN', async () => {
  const ids = async (where: string) => (await rows(`* | select auditID from log where ${where} order by auditID`)).flat();
  assert.deepEqual(await ids(`verb in ('get', 'list') and "responseStatus.code" between 200 and 299`), ['a1', 'a2', 'a3']);
  assert.deepEqual(await ids(`"responseStatus.code" not between 200 and 404`), ['a6', 'a9']);
  assert.deepEqual(await ids(`"responseStatus.code" in (101, 500)`), ['a6', 'a9']);
  assert.deepEqual(await ids(`verb not in ('get', 'create', 'watch')`), ['a3', 'a4', 'a9']);
});

test('IS NULL and IS NOT NULL, on columns and on jsonb fields', async () => {
  const ids = async (where: string) => (await rows(`* | select auditID from log where ${where} order by auditID`)).flat();
  assert.deepEqual(await ids('"objectRef.name" is null'), ['a1', 'a10', 'a2', 'a3']);
  assert.deepEqual(await ids('"objectRef.subresource" is not null'), ['a6']);
  assert.deepEqual(await ids('"requestObject.spec.replicas" is not null'), ['a9']);
  assert.deepEqual(await ids(`"requestObject" is null and auditID not in ('a1', 'a2', 'a3')`), ['a10', 'a4', 'a5', 'a6', 'a7', 'a8']);
});

test('a subquery in FROM, with WHERE, GROUP BY and HAVING outside on its columns', async () => {
  const sub = '(select "user.username" as u, count(1) as n from log group by u)';
  const many = [
    ['alice@example.com', 2],
    ['bob@example.com', 2],
    ['carol@example.com', 2],
  ];
  assert.deepEqual(await rows(`* | select u, n from ${sub} where n > 1 order by u`), many);
  assert.deepEqual(await rows(`* | select u, n from ${sub} having n >= 2 order by n desc, u`), many);
  assert.deepEqual(await rows(`* | select n, count(1) as users from ${sub} group by n having count(1) > 1 order by n`), [
    [1, 4],
    [2, 3],
  ]);
  assert.deepEqual(await rows(`* | select count(1) as c from (select verb from log where verb = 'get') where verb = 'get'`), [[4]]);
});

test('HAVING without GROUP BY filters the output rows by their names, as the seeds write it', async () => {
  assert.deepEqual(
    await rows(`* | select auditID, "responseStatus.code" as code from log having code >= 404 order by code desc, auditID`),
    [
      ['a9', 500],
      ['a7', 404],
      ['a8', 404],
    ],
  );
  const answer = await analytics(
    '* | select "User name", "事件 数" from (select "user.username" as "User name", count(1) as "事件 数" from log group by "user.username") having "事件 数" > 1 order by "User name"',
  );
  assert.deepEqual(answer.columns, ['User name', '事件 数']);
  assert.equal(answer.rows.length, 3);
});

test('DISTINCT, ORDER BY an expression, and NULLS FIRST', async () => {
  assert.deepEqual((await rows('* | select distinct verb from log order by verb')).flat(), [
    'create',
    'delete',
    'get',
    'list',
    'patch',
    'watch',
  ]);
  assert.deepEqual((await rows('* | select auditID from log order by __time__ desc limit 3')).flat(), ['a10', 'a9', 'a8']);
  assert.deepEqual(await rows('* | select "objectRef.namespace" as ns, count(1) as n from log group by ns order by ns nulls first'), [
    [null, 1],
    ['default', 2],
    ['kube-system', 1],
    ['payments', 3],
    ['shop', 3],
  ]);
});

test('the search part filters the events the SQL part reads', async () => {
  assert.deepEqual(await rows('verb: get | select count(1) as n'), [[4]]);
  assert.deepEqual(await rows('verb: get and user.username: carol | select "objectRef.name" as n from log order by n'), [
    ['db-password'],
    ['db_password'],
  ]);
  assert.deepEqual(await rows('responseStatus.code >= 400 | select verb, count(1) as n from log group by verb order by verb'), [
    ['delete', 1],
    ['get', 2],
    ['patch', 1],
  ]);
});

test("the SQL part reads only the project's events in the time range", async () => {
  assert.deepEqual(await rows(`* | select count(1) as n from log`), [[EVENTS.length]]);
  assert.deepEqual(await rows(`* | select count(1) as n from log where "user.username" like 'mallory%'`), [[0]]);
  const early = await runQuery(f.deps, {
    project: f.project,
    from: new Date(BASE),
    to: new Date(BASE + HOUR),
    query: '* | select count(1) as n',
  });
  assert.ok(early.kind === 'analytics');
  assert.deepEqual(early.rows, [[4]]);
});

test('arithmetic: integer division, division by zero gives no value', async () => {
  assert.deepEqual(await first(`* | select 7 / 2 as a, 7 % 0 as b, 7 / 0 as c, 'a' || 'b' as d from log limit 1`), {
    a: 3,
    b: null,
    c: null,
    d: 'ab',
  });
});

test('a slow query is cancelled at its timeout, and the pool stays usable', async () => {
  // Held behind a lock, the statement cannot finish early however fast the
  // machine is (a CPU-heavy expression sometimes did), and the timeout
  // covers the wait as it covers work.
  const locker = await f.deps.pool.connect();
  const started = Date.now();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
    const sql = compile('* | select count(1) as n from log');
    const notCancelled = new Promise((_, reject) =>
      setTimeout(() => reject(new Error('still waiting after 5 s: not cancelled')), 5_000).unref(),
    );
    await assert.rejects(
      Promise.race([runScopedQuery(f.deps.pool, f.project, sql, { timeoutMs: 50, maxRows: 10 }), notCancelled]),
      QueryTimeoutError,
    );
  } finally {
    await locker.query('ROLLBACK');
    locker.release();
  }
  assert.ok(Date.now() - started < 5_000, 'cancelled promptly');
  const after = await runScopedQuery(f.deps.pool, f.project, compile('* | select count(1) as n from log'), {
    timeoutMs: 5_000,
    maxRows: 10,
  });
  assert.deepEqual(after.rows, [[EVENTS.length]]);
});

test('rows past the cap are cut and the answer says so', async () => {
  const sql = compile('* | select auditID from log order by __time__');
  const cut = await runScopedQuery(f.deps.pool, f.project, sql, { timeoutMs: 5_000, maxRows: 3 });
  assert.equal(cut.truncated, true);
  assert.deepEqual(cut.rows, [['a1'], ['a2'], ['a3']]);
  const whole = await runScopedQuery(f.deps.pool, f.project, sql, { timeoutMs: 5_000, maxRows: EVENTS.length });
  assert.equal(whole.truncated, false);
  assert.equal(whole.rows.length, EVENTS.length);
  const limited = await analytics('* | select auditID from log limit 3');
  assert.equal(limited.truncated, false);
  assert.equal(limited.rows.length, 3);
});

test('other tables are refused with a QueryError before anything runs', async () => {
  await rejectsQuery('* | select * from clusters', /a query reads `log` only, not `clusters`/);
  await rejectsQuery('* | select id from public.projects', /not `public\.projects`/);
  await rejectsQuery('* | select (select 1 from pg_user) as x', /a subquery is only allowed in FROM/);
  await rejectsQuery('* | select count(1) from log union select count(1) from log', /UNION is not supported/);
  // Checked before the project is looked up: nothing reached the database.
  await assert.rejects(runQuery(f.deps, { project: 'no-such-project', ...range, query: '* | select * from pg_user' }), QueryError);
});

test('pg_sleep and other server functions are unknown functions, refused before running', async () => {
  const started = Date.now();
  await rejectsQuery('* | select pg_sleep(10) as x from log', /unknown function pg_sleep\(\)/);
  await rejectsQuery(`* | select verb from log where pg_sleep(10) is null`, /unknown function pg_sleep\(\)/);
  await rejectsQuery(`* | select current_setting('kubetrail.project_id') as p`, /unknown function current_setting\(\)/);
  await rejectsQuery(`* | select set_config('kubetrail.project_id', 'x', true) as p`, /unknown function set_config\(\)/);
  assert.ok(Date.now() - started < 5_000);
});
