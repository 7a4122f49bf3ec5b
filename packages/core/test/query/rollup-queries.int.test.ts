import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAnalyticsQuery, buildMatchesPerHourQuery, isAnalytics, parseQuery, type QueryScope } from '@kubetrail/query';
import { runQuery } from '../../src/index';
import { BASE, ev, HOUR, queryFixture, type QueryFixture } from './query-fixture';

let f: QueryFixture;

// Report-style queries the console's charts run.
const REPORTS = [
  '* | SELECT verb, count(1) AS n FROM log GROUP BY verb ORDER BY n DESC, verb',
  '* | SELECT "objectRef.resource" AS resource, count(*) AS n, count_if("responseStatus.code" >= 400) AS failed FROM log GROUP BY resource ORDER BY n DESC, resource',
  `* | SELECT date_trunc('hour', __time__) AS t, count(1) AS n FROM log GROUP BY t ORDER BY t`,
  `* | SELECT date_format(from_unixtime(__time__), '%Y-%m-%d') AS day, "user.username" AS u, count(1) AS n FROM log GROUP BY day, u ORDER BY day, u`,
  '* | SELECT approx_distinct("user.username") AS users, count(1) AS n, max("responseStatus.code") AS worst FROM log',
  `* | SELECT "objectRef.namespace" AS ns, count(1) AS n FROM log WHERE verb IN ('create', 'update', 'patch', 'delete') GROUP BY ns HAVING count(1) > 2 ORDER BY n DESC, ns`,
];

const VERBS = ['get', 'list', 'create', 'update', 'delete', 'watch', 'patch'];
const RESOURCES = ['pods', 'secrets', 'deployments', 'configmaps'];
const USERS = ['alice@example.com', 'bob@example.com', 'system:serviceaccount:kube-system:deployment-controller'];

before(async () => {
  f = await queryFixture();
  const events = [];
  // One event every 7 minutes for 50 hours, so every hour and most minutes have some.
  for (let i = 0; i < (50 * 60) / 7; i++) {
    const ts = new Date(BASE + i * 7 * 60_000 + (i % 5) * 1_000).toISOString();
    events.push(
      ev({
        verb: VERBS[i % VERBS.length],
        user: { username: USERS[i % USERS.length]!, groups: ['system:authenticated'] },
        objectRef: {
          resource: RESOURCES[i % RESOURCES.length],
          namespace: i % 3 === 0 ? 'kube-system' : `team-${i % 4}`,
          apiVersion: 'v1',
        },
        responseStatus: { code: i % 9 === 0 ? 403 : 200 },
        stageTimestamp: ts,
        requestReceivedTimestamp: ts,
      }),
    );
  }
  await f.store(f.cluster, events);
  await f.store(
    f.otherCluster,
    events.slice(0, 40).map((e) => ({ ...e, auditID: `${e.auditID}-b` })),
  );
});
after(() => f?.close());

const RANGES: [string, number, number][] = [
  ['whole hours', 0, 48 * HOUR],
  ['ragged ends', 17 * 60_000 + 3_000, 41 * HOUR + 29 * 60_000],
  ['inside one hour', 3 * HOUR + 5 * 60_000, 3 * HOUR + 50 * 60_000],
  ['everything', -HOUR, 60 * HOUR],
];

for (const [name, start, end] of RANGES)
  test(`report queries answer the same from rollups as from events (${name})`, async () => {
    for (const query of REPORTS) {
      const input = { project: f.project, from: new Date(BASE + start), to: new Date(BASE + end), query };
      const fromEvents = await runQuery(f.deps, { ...input, rollups: false });
      const fromRollups = await runQuery(f.deps, { ...input, rollups: true });
      assert.deepEqual(fromRollups, fromEvents, query);
      assert.ok(fromEvents.kind === 'analytics' && fromEvents.rows.length > 0, query);
    }
  });

test('a one-cluster scope reads only that cluster from the rollups', async () => {
  const input = { project: f.project, cluster: 'staging', from: new Date(BASE - HOUR), to: new Date(BASE + 60 * HOUR), query: REPORTS[4]! };
  const answer = await runQuery(f.deps, input);
  assert.equal(answer.kind === 'analytics' && answer.rows[0]![1], 40);
});

const SCOPE: QueryScope = { clusterIds: ['c'], from: new Date(BASE), to: new Date(BASE + HOUR) };

const planFor = (query: string) => {
  const parsed = parseQuery(query);
  assert.ok(isAnalytics(parsed));
  return buildAnalyticsQuery(parsed, SCOPE).text;
};

test('report queries are planned over the rollups', () => {
  for (const query of REPORTS) assert.match(planFor(query), /audit_events_hourly/, query);
});

test('queries the rollups cannot answer read the events', () => {
  const raw = [
    // a search filter, a field the rollups do not keep, minute resolution, a weighted sum
    'verb: delete | SELECT verb, count(1) FROM log GROUP BY verb',
    '* | SELECT userAgent, count(1) FROM log GROUP BY userAgent',
    `* | SELECT date_format(from_unixtime(__time__), '%H:%i') AS m, count(1) FROM log GROUP BY m`,
    '* | SELECT __time__ AS t, count(1) FROM log GROUP BY t',
    '* | SELECT sum("responseStatus.code") FROM log',
    '* | SELECT avg("responseStatus.code") FROM log',
    '* | SELECT verb FROM log',
  ];
  for (const query of raw) assert.doesNotMatch(planFor(query), /audit_events_hourly/, query);
});

const SEARCHES = [
  'verb: delete',
  'user.username: alice*',
  'not responseStatus.code: 200',
  'objectRef.resource: secrets and (verb: get or verb: list)',
  'responseStatus.code >= 400 and not objectRef.namespace: kube-system',
  'user.username: serviceaccount',
];

for (const [name, start, end] of RANGES)
  test(`search totals and pages from rollups equal those read from events (${name})`, async () => {
    for (const query of SEARCHES)
      for (const page of [
        { limit: 5, offset: 0 },
        { limit: 7, offset: 30 },
        { limit: 1000, offset: 0 },
      ]) {
        const input = { project: f.project, from: new Date(BASE + start), to: new Date(BASE + end), query, ...page };
        const fromEvents = await runQuery(f.deps, { ...input, rollups: false });
        const fromRollups = await runQuery(f.deps, { ...input, rollups: true });
        assert.deepEqual(fromRollups, fromEvents, `${query} ${JSON.stringify(page)}`);
      }
  });

test('searches with full-text terms or fields the rollups lack are counted from events', () => {
  assert.ok(buildMatchesPerHourQuery(parseQuery('verb: get and objectRef.resource: pods'), SCOPE));
  for (const query of ['alice', 'verb: get and userAgent: kubectl*', 'sourceIPs: 10.0.0.7', '"kube-system"', 'verb > 0'])
    assert.equal(buildMatchesPerHourQuery(parseQuery(query), SCOPE), null, query);
});
