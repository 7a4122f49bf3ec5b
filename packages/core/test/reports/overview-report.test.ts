import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAnalyticsQuery, isAnalytics, parseQuery } from '@kubetrail/query';
import { overviewReport, reportSearch } from '../../src/reports/overview-report';

const scope = { clusterIds: ['c-1'], from: new Date('2026-11-20T08:00:00Z'), to: new Date('2026-11-27T08:00:00Z') };

// Compiled both ways, over the hourly rollups and over the events, as runQuery may run them.
test('every panel of the Overview report is an analytics query the dialect compiles, with or without filters', () => {
  for (const filters of [{}, { namespace: 'shop', user: 'alice@example.com', code: 403 }]) {
    const panels = overviewReport(filters);
    assert.ok(panels.length >= 10);
    assert.equal(new Set(panels.map((p) => p.id)).size, panels.length, 'panel ids are unique');
    for (const panel of panels) {
      const parsed = parseQuery(panel.query);
      assert.ok(isAnalytics(parsed), `${panel.id} has an SQL part`);
      for (const rollups of [true, false]) assert.ok(buildAnalyticsQuery(parsed, scope, { rollups }));
    }
  }
});

test('the filters become the search part of every panel', () => {
  assert.equal(reportSearch({}), '*');
  assert.equal(
    reportSearch({ namespace: 'shop', user: 'alice@example.com', code: 403 }),
    'objectRef.namespace: "shop" and user.username: "alice@example.com" and responseStatus.code = 403',
  );
  for (const panel of overviewReport({ code: 403 })) assert.ok(panel.query.startsWith('responseStatus.code = 403 | SELECT '), panel.id);
});

test('quotes and backslashes in a filter value stay inside its quoted value', () => {
  const hostile = ['a" or verb: delete or "b', 'x\\', '\\" | SELECT 1 AS n FROM log --', 'ns") or (*'];
  for (const value of hostile) {
    const search = reportSearch({ namespace: value, user: value });
    const parsed = parseQuery(`${search} | SELECT count(1) AS n FROM log`);
    assert.deepEqual(parsed.search, {
      kind: 'and',
      items: [
        { kind: 'match', field: 'objectRef.namespace', value, quoted: true, offset: 0 },
        { kind: 'match', field: 'user.username', value, quoted: true, offset: search.indexOf(' and user.username') + 5 },
      ],
    });
  }
});

test('a status code that is not a whole number is refused rather than spliced into the search', () => {
  assert.throws(() => reportSearch({ code: 4.5 }), RangeError);
  assert.throws(() => reportSearch({ code: Number.NaN }), RangeError);
});
