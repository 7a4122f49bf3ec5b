import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueryTimeoutError, runScopedQuery } from '@kubetrail/db';
import { QueryError } from '@kubetrail/query';
import { runQuery } from '../../src/index';
import { BASE, HOUR } from './query-fixture';
import { analyticsSuite, EVENTS, range } from './analytics-fixture';

// What an analytics query may read and for how long: scope, time range, timeout, row cap, refused tables and functions.
const { fixture, analytics, rows, rejectsQuery, compile } = analyticsSuite();

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
  const early = await runQuery(fixture().deps, {
    project: fixture().project,
    from: new Date(BASE),
    to: new Date(BASE + HOUR),
    query: '* | select count(1) as n',
  });
  assert.ok(early.kind === 'analytics');
  assert.deepEqual(early.rows, [[4]]);
});

test('a slow query is cancelled at its timeout, and the pool stays usable', async () => {
  // Held behind a lock, the statement cannot finish early however fast the
  // machine is (a CPU-heavy expression sometimes did), and the timeout
  // covers the wait as it covers work.
  const locker = await fixture().deps.pool.connect();
  const started = Date.now();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
    const sql = compile('* | select count(1) as n from log');
    const notCancelled = new Promise((_, reject) =>
      setTimeout(() => reject(new Error('still waiting after 5 s: not cancelled')), 5_000).unref(),
    );
    await assert.rejects(
      Promise.race([runScopedQuery(fixture().deps.pool, fixture().project, sql, { timeoutMs: 50, maxRows: 10 }), notCancelled]),
      QueryTimeoutError,
    );
  } finally {
    await locker.query('ROLLBACK');
    locker.release();
  }
  assert.ok(Date.now() - started < 5_000, 'cancelled promptly');
  const after = await runScopedQuery(fixture().deps.pool, fixture().project, compile('* | select count(1) as n from log'), {
    timeoutMs: 5_000,
    maxRows: 10,
  });
  assert.deepEqual(after.rows, [[EVENTS.length]]);
});

test('rows past the cap are cut and the answer says so', async () => {
  const sql = compile('* | select auditID from log order by __time__');
  const cut = await runScopedQuery(fixture().deps.pool, fixture().project, sql, { timeoutMs: 5_000, maxRows: 3 });
  assert.equal(cut.truncated, true);
  assert.deepEqual(cut.rows, [['a1'], ['a2'], ['a3']]);
  const whole = await runScopedQuery(fixture().deps.pool, fixture().project, sql, { timeoutMs: 5_000, maxRows: EVENTS.length });
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
  await assert.rejects(runQuery(fixture().deps, { project: 'no-such-project', ...range, query: '* | select * from pg_user' }), QueryError);
});

test('pg_sleep and other server functions are unknown functions, refused before running', async () => {
  const started = Date.now();
  await rejectsQuery('* | select pg_sleep(10) as x from log', /unknown function pg_sleep\(\)/);
  await rejectsQuery(`* | select verb from log where pg_sleep(10) is null`, /unknown function pg_sleep\(\)/);
  await rejectsQuery(`* | select current_setting('kubetrail.project_id') as p`, /unknown function current_setting\(\)/);
  await rejectsQuery(`* | select set_config('kubetrail.project_id', 'x', true) as p`, /unknown function set_config\(\)/);
  assert.ok(Date.now() - started < 5_000);
});
