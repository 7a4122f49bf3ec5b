import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@kubetrail/contracts';
import { QueryError } from '@kubetrail/query';
import { histogramStep, searchFacets, searchHistogram } from '../../src/index';
import { BASE, ev, HOUR, queryFixture, type QueryFixture } from './query-fixture';

let f: QueryFixture;
const MIN = 60_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(BASE + ms).toISOString();
const hour = { from: new Date(BASE), to: new Date(BASE + HOUR) };

const e = (id: string, minute: number, verb: string, username: string) =>
  ev({ auditID: id, stageTimestamp: iso(minute * MIN), requestReceivedTimestamp: iso(minute * MIN), verb, user: { username } });

before(async () => {
  f = await queryFixture();
  await f.store(f.cluster, [
    e('p1', 1, 'get', 'alice@example.com'),
    e('p2', 1.5, 'get', 'bob@example.com'),
    e('p3', 3, 'delete', 'bob@example.com'),
    e('p4', 59, 'list', 'alice@example.com'),
    // Past the hour the tests look at.
    e('p5', 61, 'get', 'alice@example.com'),
  ]);
  await f.store(f.otherCluster, [e('s1', 2, 'get', 'carol@example.com')]);
  await f.store(f.foreignCluster, [e('x1', 1, 'get', 'mallory@example.com')]);
});
after(() => f?.close());

const span = (ms: number) => [new Date(BASE), new Date(BASE + ms)] as const;

test('the bucket is the smallest nice step that keeps the range within the bucket count', () => {
  assert.equal(histogramStep(...span(90_000), 60), 5);
  assert.equal(histogramStep(...span(HOUR), 60), 60);
  assert.equal(histogramStep(...span(HOUR + 1), 60), 300);
  assert.equal(histogramStep(...span(DAY), 60), 1800);
  assert.equal(histogramStep(...span(7 * DAY), 60), 3 * 3600);
  assert.equal(histogramStep(...span(30 * DAY), 60), 12 * 3600);
  assert.equal(histogramStep(...span(365 * DAY), 60), 7 * 86400);
  assert.equal(histogramStep(...span(HOUR), 10), 600);
  assert.equal(histogramStep(...span(500), 60), 1);
});

test('past the last nice step, the bucket is whole days', () => {
  // 10 years in 60 buckets: 60.8 days each, rounded up to 61.
  assert.equal(histogramStep(...span(3650 * DAY), 60), 61 * 86400);
});

test('the histogram has every bucket of the range, empty ones as 0, over all of the project’s clusters', async () => {
  const h = await searchHistogram(f.deps, { project: f.project, ...hour, query: '' });
  assert.equal(h.bucketSeconds, 60);
  assert.equal(h.buckets.length, 60);
  assert.equal(h.buckets[0]!.start, iso(0));
  assert.equal(h.buckets[59]!.start, iso(59 * MIN));
  const nonEmpty = h.buckets.flatMap((b, i) => (b.count ? [[i, b.count]] : []));
  assert.deepEqual(nonEmpty, [
    [1, 2],
    [2, 1],
    [3, 1],
    [59, 1],
  ]);
});

test('buckets start at `from` even off a round time, and the last one may reach past `to`', async () => {
  const h = await searchHistogram(f.deps, {
    project: f.project,
    from: new Date(BASE + 30_500),
    to: new Date(BASE + 150_600),
    query: '',
    buckets: 3,
  });
  assert.equal(h.bucketSeconds, 60);
  assert.deepEqual(h.buckets, [
    { start: iso(30_500), count: 2 },
    { start: iso(90_500), count: 1 },
    { start: iso(150_500), count: 0 },
  ]);
});

test('the histogram counts what the search part matches, in the cluster asked for', async () => {
  const gets = await searchHistogram(f.deps, { project: f.project, ...hour, query: 'verb: get | SELECT count(*) AS n' });
  assert.deepEqual(gets.buckets.map((b) => b.count).filter(Boolean), [2, 1]);
  const staging = await searchHistogram(f.deps, { project: f.project, cluster: f.otherCluster, ...hour, query: '' });
  assert.deepEqual(
    staging.buckets.flatMap((b) => (b.count ? [b.start] : [])),
    [iso(2 * MIN)],
  );
});

test('a bucket count out of range is refused', async () => {
  for (const buckets of [0, 1.5, 1001])
    await assert.rejects(
      searchHistogram(f.deps, { project: f.project, ...hour, query: '', buckets }),
      (err: unknown) => err instanceof AppError && err.code === 'BAD_REQUEST',
    );
});

test('facets give each field’s most frequent values, most first, and null for events without the field', async () => {
  const facets = await searchFacets(f.deps, {
    project: f.project,
    ...hour,
    query: '',
    fields: ['verb', 'user.username', 'objectRef.name'],
  });
  assert.deepEqual(facets, {
    verb: [
      { value: 'get', count: 3 },
      { value: 'delete', count: 1 },
      { value: 'list', count: 1 },
    ],
    'user.username': [
      { value: 'alice@example.com', count: 2 },
      { value: 'bob@example.com', count: 2 },
      { value: 'carol@example.com', count: 1 },
    ],
    'objectRef.name': [{ value: null, count: 5 }],
  });
});

test('facets keep to `top` values and the search part of the query', async () => {
  const facets = await searchFacets(f.deps, { project: f.project, ...hour, query: 'user.username: bob', fields: ['verb'], top: 1 });
  assert.deepEqual(facets, { verb: [{ value: 'delete', count: 1 }] });
});

test('facets refuse a field that is not a field name, no fields, too many, or too large a top', async () => {
  const facets = (over: { fields?: string[]; top?: number }) =>
    searchFacets(f.deps, { project: f.project, ...hour, query: '', fields: ['verb'], ...over });
  await assert.rejects(facets({ fields: ['verb; drop'] }), QueryError);
  for (const over of [{ fields: [] }, { fields: Array.from({ length: 21 }, (_, i) => `labels.k${i}`) }, { top: 51 }])
    await assert.rejects(facets(over), (err: unknown) => err instanceof AppError && err.code === 'BAD_REQUEST');
});
