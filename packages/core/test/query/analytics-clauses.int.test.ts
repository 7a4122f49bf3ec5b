import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from './query-fixture';
import { analyticsSuite, iso } from './analytics-fixture';

// The SQL part's clauses: GROUP BY, ORDER BY, HAVING, LIMIT, aliases, aggregates, subqueries, DISTINCT.
const { analytics, rows, first } = analyticsSuite();

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
