import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from './query-fixture';
import { analyticsSuite, iso } from './analytics-fixture';

// The SQL part's functions and operators, each against events whose answer is known.
const { analytics, rows, first } = analyticsSuite();

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

test('arithmetic: integer division, division by zero gives no value', async () => {
  assert.deepEqual(await first(`* | select 7 / 2 as a, 7 % 0 as b, 7 / 0 as c, 'a' || 'b' as d from log limit 1`), {
    a: 3,
    b: null,
    c: null,
    d: 'ab',
  });
});
