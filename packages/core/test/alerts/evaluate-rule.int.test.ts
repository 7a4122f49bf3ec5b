import { after as afterAll, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  alertHistory,
  evaluateRule,
  listMessages,
  markMessagesRead,
  saveRule,
  setRuleEnabled,
  testRule,
  unreadCount,
} from '../../src/index';
import { queryFixture, type QueryFixture } from '../query/query-fixture';
import { after, BASE, execAt, MINUTE } from './alert-fixture';

let f: QueryFixture;
before(async () => {
  f = await queryFixture();
  await f.store(f.cluster, [
    execAt(1, 'alice@example.com'),
    execAt(2, 'bob@example.com'),
    execAt(7, 'alice@example.com'),
    execAt(16, 'alice@example.com'),
    execAt(26, 'alice@example.com'),
  ]);
});
afterAll(async () => {
  await f?.close();
});

const EXEC_SEARCH = 'verb: create and objectRef.subresource: exec';
const EXEC_BY_USER = `${EXEC_SEARCH} | SELECT "user.username" AS user, count(*) AS n FROM log GROUP BY user`;

/** A rule whose first window starts at BASE. */
async function rule(spec: Record<string, unknown>) {
  const { rule } = await saveRule(f.deps, f.project, { everyMinutes: 5, clusters: ['prod'], ...spec });
  await f.deps.db.alertRule.update({ where: { id: rule.id }, data: { lastWindowEnd: new Date(BASE) } });
  return rule;
}

const firings = (ruleId: string) =>
  f.deps.db.alertFiring.findMany({
    where: { ruleId },
    include: { evaluation: true },
    orderBy: [{ evaluation: { windowTo: 'asc' } }, { groupKey: 'asc' }],
  });
const minuteOf = (d: Date) => (d.getTime() - BASE) / MINUTE;

test('a rule fires once in each window with a matching row, and evaluating again fires nothing more', async () => {
  const r = await rule({ name: 'exec any', query: EXEC_SEARCH, condition: 'Event =~ ".*"' });
  const first = await evaluateRule(f.deps, r.id, after(30));
  assert.deepEqual(
    first.windows.map((w) => [minuteOf(w.to), w.matched, w.fired]),
    [
      [5, 2, 1],
      [10, 1, 1],
      [15, 0, 0],
      [20, 1, 1],
      [25, 0, 0],
      [30, 1, 1],
    ],
  );
  const again = await Promise.all([evaluateRule(f.deps, r.id, after(30)), evaluateRule(f.deps, r.id, after(30))]);
  assert.deepEqual(
    again.map((a) => a.windows.length),
    [0, 0],
  );
  assert.equal((await firings(r.id)).length, 4);
  assert.equal(await f.deps.db.alertEvaluation.count({ where: { ruleId: r.id } }), 6);
});

test('two evaluations racing over the same windows judge each window once', async () => {
  const r = await rule({ name: 'exec race', query: EXEC_SEARCH });
  const results = await Promise.all([evaluateRule(f.deps, r.id, after(30)), evaluateRule(f.deps, r.id, after(30))]);
  assert.equal(results[0].windows.length + results[1].windows.length, 6);
  assert.equal((await firings(r.id)).length, 4);
});

test('grouping notifies per group, and throttling holds a group back until its time has passed', async () => {
  const r = await rule({ name: 'exec by user', query: EXEC_BY_USER, condition: 'n >= 1', groupBy: ['user'], throttleMinutes: 10 });
  await evaluateRule(f.deps, r.id, after(30));
  const seen = (await firings(r.id)).map((x) => [minuteOf(x.evaluation.windowTo), (x.groupValues as { user: string }).user, x.status]);
  assert.deepEqual(seen, [
    [5, 'alice@example.com', 'firing'],
    [5, 'bob@example.com', 'firing'],
    [10, 'alice@example.com', 'throttled'],
    [20, 'alice@example.com', 'firing'],
    // ten minutes after the last notice: no longer within the throttle
    [30, 'alice@example.com', 'firing'],
  ]);
});

test('a threshold on a result column, and a comparison with the previous window', async () => {
  const threshold = await rule({
    name: 'exec twice',
    query: EXEC_BY_USER,
    condition: '"n" >= 2 || user == "bob@example.com"',
    groupBy: ['user'],
  });
  await evaluateRule(f.deps, threshold.id, after(30));
  assert.deepEqual(
    (await firings(threshold.id)).map((x) => minuteOf(x.evaluation.windowTo)),
    [5],
  );

  const rising = await rule({ name: 'exec rising', query: `${EXEC_SEARCH} | SELECT count(*) AS n FROM log`, condition: 'n > previous.n' });
  await evaluateRule(f.deps, rising.id, after(30));
  // 2 in [0,5) over 0 before; 1 after 2, 0, 1 after 0, 0, 1 after 0.
  assert.deepEqual(
    (await firings(rising.id)).map((x) => minuteOf(x.evaluation.windowTo)),
    [5, 20, 30],
  );
});

test('a recovery notice follows the first window without a match', async () => {
  const r = await rule({ name: 'exec recovery', query: EXEC_SEARCH, notifyRecovery: true });
  await evaluateRule(f.deps, r.id, after(20));
  assert.deepEqual(
    (await firings(r.id)).map((x) => [minuteOf(x.evaluation.windowTo), x.status]),
    [
      [5, 'firing'],
      [10, 'firing'],
      [15, 'resolved'],
      [20, 'firing'],
    ],
  );
});

test('sent notifications reach the message center, with unread counts per user', async () => {
  const user = await f.deps.db.user.create({ data: { id: 'u-alerts', email: 'sec@example.com', passwordHash: 'x' } });
  const messages = await listMessages(f.deps, f.project, user.id, 500);
  const sent = await f.deps.db.alertFiring.count({ where: { rule: { projectId: f.project }, status: { not: 'throttled' } } });
  assert.equal(messages.length, sent);
  assert.ok(messages.every((m) => !m.read));
  assert.equal(await unreadCount(f.deps, f.project, user.id), sent);
  await markMessagesRead(f.deps, f.project, user.id, [messages[0]!.id]);
  assert.equal(await unreadCount(f.deps, f.project, user.id), sent - 1);
  await markMessagesRead(f.deps, f.project, user.id);
  assert.equal(await unreadCount(f.deps, f.project, user.id), 0);
  assert.equal(await unreadCount(f.deps, f.otherProject, user.id), 0);
});

test('a test run tells the windows a rule would have fired in, and writes nothing', async () => {
  const { rule: r } = await saveRule(f.deps, f.project, { name: 'exec test-run', query: EXEC_SEARCH, everyMinutes: 5 });
  const before = await f.deps.db.alertEvaluation.count();
  const run = await testRule(f.deps, f.project, r.name, new Date(BASE), after(30));
  assert.deepEqual(
    run.firing.map((w) => minuteOf(w.to)),
    [5, 10, 20, 30],
  );
  assert.equal(run.windows, 6);
  assert.equal(await f.deps.db.alertEvaluation.count(), before);
});

test('saving the same rule twice changes nothing; a rule another project cannot see is not found', async () => {
  const spec = { name: 'exec idempotent', query: EXEC_SEARCH, severity: 'high' };
  const first = await saveRule(f.deps, f.project, spec);
  const second = await saveRule(f.deps, f.project, spec);
  assert.deepEqual([first.created, first.changed, second.created, second.changed], [true, true, false, false]);
  const changed = await saveRule(f.deps, f.project, { ...spec, severity: 'critical' });
  assert.deepEqual([changed.created, changed.changed, changed.rule.severity], [false, true, 'critical']);
  await assert.rejects(testRule(f.deps, f.otherProject, spec.name, new Date(BASE), after(30)), { code: 'NOT_FOUND' });
});

test('bad rules are refused with the field at fault', async () => {
  await assert.rejects(
    saveRule(f.deps, f.project, { name: 'bad query', query: 'verb: (' }),
    (e: Error & { code?: string }) => e.code === 'BAD_REQUEST' && /^query:/.test(e.message),
  );
  await assert.rejects(
    saveRule(f.deps, f.project, { name: 'bad condition', query: EXEC_SEARCH, condition: 'n >= ' }),
    (e: Error & { code?: string }) => e.code === 'BAD_REQUEST' && /^condition:/.test(e.message),
  );
  await assert.rejects(saveRule(f.deps, f.project, { name: 'bad field', query: EXEC_SEARCH, everyMinuts: 5 }), /everyMinuts|unrecognized/i);
  await assert.rejects(saveRule(f.deps, f.project, { name: 'bad cluster', query: EXEC_SEARCH, clusters: ['theirs'] }), {
    code: 'NOT_FOUND',
  });
  await assert.rejects(
    saveRule(f.deps, f.project, { name: 'bad window', query: EXEC_SEARCH, everyMinutes: 10, windowMinutes: 5 }),
    /windowMinutes/,
  );
});

test('a rule whose only cluster left the project records an error and does not read the new owner’s events', async () => {
  const r = await rule({ name: 'exec moved', query: EXEC_SEARCH, clusters: ['staging'] });
  await f.deps.db.cluster.update({ where: { id: f.otherCluster }, data: { projectId: f.otherProject } });
  try {
    const result = await evaluateRule(f.deps, r.id, after(10));
    assert.equal(result.windows.length, 2);
    assert.ok(result.windows.every((w) => w.error && /no longer|any more/.test(w.error) && w.fired === 0));
  } finally {
    await f.deps.db.cluster.update({ where: { id: f.otherCluster }, data: { projectId: f.project } });
  }
});

test('a rule enabled again starts from the latest window; the time it was off is not replayed', async () => {
  const r = await rule({ name: 'exec paused', query: EXEC_SEARCH });
  await setRuleEnabled(f.deps, f.project, r.id, false);
  assert.deepEqual((await evaluateRule(f.deps, r.id, after(30))).windows, [], 'a disabled rule is not evaluated');
  await setRuleEnabled(f.deps, f.project, r.id, true);
  const resumed = await evaluateRule(f.deps, r.id, after(30));
  assert.deepEqual(
    resumed.windows.map((w) => minuteOf(w.to)),
    [30],
  );
});

test('history lists the evaluations of a rule whose windows end in a range, newest first', async () => {
  const h = await alertHistory(f.deps, f.project, {
    rule: 'exec any',
    from: new Date(BASE + 10 * MINUTE),
    to: new Date(BASE + 20 * MINUTE),
  });
  assert.deepEqual(
    h.map((e) => [minuteOf(e.windowTo), e.matched, e.firings.length]),
    [
      [20, 1, 1],
      [15, 0, 0],
      [10, 1, 1],
    ],
  );
});
