import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createUser } from '@kubetrail/core';
import type { Role } from '@kubetrail/db';
import { QueryError } from '@kubetrail/query';
import { BASE, ev, HOUR, queryFixture, type QueryFixture } from '../../core/test/query/query-fixture';
import { appRouter, createApiContext, createCaller, type ApiErrorData } from '../src/index';

let f: QueryFixture;
const users: Record<'analyst' | 'owner' | 'viewer' | 'outsider', string> = { analyst: '', owner: '', viewer: '', outsider: '' };
const MIN = 60_000;
const iso = (ms: number) => new Date(BASE + ms).toISOString();
const e = (id: string, minute: number, verb: string) =>
  ev({ auditID: id, stageTimestamp: iso(minute * MIN), requestReceivedTimestamp: iso(minute * MIN), verb });

const as = (userId: string | null) => createCaller(createApiContext(f.deps, userId));
const scope = () => ({ projectId: f.project, from: iso(0), to: iso(HOUR) });

async function rejectsWith(call: Promise<unknown>, code: TRPCError['code']): Promise<TRPCError> {
  let caught: unknown;
  await call.then(
    () => assert.fail(`expected ${code}`),
    (err: unknown) => (caught = err),
  );
  assert.ok(caught instanceof TRPCError, `not a TRPCError: ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

before(async () => {
  f = await queryFixture();
  await f.store(f.cluster, [e('a1', 1, 'get'), e('a2', 1.5, 'get'), e('a3', 3, 'delete')]);
  await f.store(f.otherCluster, [e('b1', 2, 'get')]);
  await f.store(f.foreignCluster, [e('x1', 1, 'get'), e('x2', 4, 'patch')]);
  const user = async (name: keyof typeof users, project: string, role: Role) =>
    (users[name] = (await createUser(f.deps, { email: `${name}@example.com`, password: 'correct horse battery', project, role })).id);
  await user('analyst', f.project, 'analyst');
  await user('owner', f.project, 'owner');
  await user('viewer', f.project, 'viewer');
  await user('outsider', f.otherProject, 'owner');
});
after(() => f?.close());

test('an analyst searches the project: total and a page of events, newest first', async () => {
  const answer = await as(users.analyst).search.run({ ...scope(), query: 'verb: get', limit: 2 });
  assert.equal(answer.kind, 'search');
  assert.ok(answer.kind === 'search');
  assert.equal(answer.total, 3);
  assert.deepEqual(
    answer.events.map((x) => (x as { auditID: string }).auditID),
    ['b1', 'a2'],
  );
  const next = await as(users.analyst).search.run({ ...scope(), query: 'verb: get', limit: 2, offset: 2 });
  assert.ok(next.kind === 'search');
  assert.deepEqual(
    next.events.map((x) => (x as { auditID: string }).auditID),
    ['a1'],
  );
});

test('an analyst runs an analytics query and gets its table', async () => {
  const answer = await as(users.analyst).search.run({ ...scope(), query: '* | SELECT verb, count(*) AS n GROUP BY verb ORDER BY n DESC' });
  assert.ok(answer.kind === 'analytics');
  assert.deepEqual(answer.columns, ['verb', 'n']);
  assert.deepEqual(answer.rows, [
    ['get', 3],
    ['delete', 1],
  ]);
  assert.equal(answer.truncated, false);
});

test('the histogram counts matching events per bucket, empty buckets included', async () => {
  const h = await as(users.analyst).search.histogram({ ...scope(), query: '', buckets: 6 });
  assert.equal(h.bucketSeconds, 600);
  assert.deepEqual(
    h.buckets.map((b) => b.count),
    [4, 0, 0, 0, 0, 0],
  );
  const minutes = await as(users.analyst).search.histogram({ ...scope(), to: iso(5 * MIN), query: '' });
  assert.equal(minutes.bucketSeconds, 5);
  assert.equal(minutes.buckets.length, 60);
  const byStart = Object.fromEntries(minutes.buckets.filter((b) => b.count).map((b) => [b.start, b.count]));
  assert.deepEqual(byStart, { [iso(MIN)]: 1, [iso(1.5 * MIN)]: 1, [iso(2 * MIN)]: 1, [iso(3 * MIN)]: 1 });
});

test('facets give the top values of each field with their counts', async () => {
  const facets = await as(users.analyst).search.facets({ ...scope(), query: '', fields: ['verb', 'objectRef.resource'], top: 5 });
  assert.deepEqual(facets, {
    verb: [
      { value: 'get', count: 3 },
      { value: 'delete', count: 1 },
    ],
    'objectRef.resource': [{ value: 'pods', count: 4 }],
  });
});

test('a stronger role than analyst may query too', async () => {
  const answer = await as(users.owner).search.run({ ...scope(), query: '' });
  assert.ok(answer.kind === 'search');
  assert.equal(answer.total, 4);
});

test('a viewer is refused every search procedure', async () => {
  const viewer = as(users.viewer);
  await rejectsWith(viewer.search.run({ ...scope(), query: '' }), 'FORBIDDEN');
  await rejectsWith(viewer.search.histogram({ ...scope(), query: '' }), 'FORBIDDEN');
  await rejectsWith(viewer.search.facets({ ...scope(), query: '', fields: ['verb'] }), 'FORBIDDEN');
});

test('a non-member is told an existing project does not exist, as for a random id', async () => {
  const outsider = as(users.outsider);
  const existing = await rejectsWith(outsider.search.run({ ...scope(), query: '' }), 'NOT_FOUND');
  const random = await rejectsWith(outsider.search.run({ ...scope(), projectId: 'p-doesnotexist00', query: '' }), 'NOT_FOUND');
  assert.equal(existing.message.replace(f.project, 'ID'), random.message.replace('p-doesnotexist00', 'ID'));
  // The outsider's own project answers, so the refusal is about membership.
  const own = await outsider.search.run({ ...scope(), projectId: f.otherProject, query: '' });
  assert.ok(own.kind === 'search');
  assert.equal(own.total, 2);
});

test('an anonymous request is refused before anything else', async () => {
  await rejectsWith(as(null).search.run({ ...scope(), query: '' }), 'UNAUTHORIZED');
  await rejectsWith(as(null).search.facets({ ...scope(), projectId: 'p-doesnotexist00', query: '', fields: ['verb'] }), 'UNAUTHORIZED');
});

test('a cluster of another project is not found and gives no data', async () => {
  const analyst = as(users.analyst);
  await rejectsWith(analyst.search.run({ ...scope(), clusterId: f.foreignCluster, query: '' }), 'NOT_FOUND');
  await rejectsWith(analyst.search.histogram({ ...scope(), clusterId: f.foreignCluster, query: '' }), 'NOT_FOUND');
  await rejectsWith(analyst.search.facets({ ...scope(), clusterId: f.foreignCluster, query: '', fields: ['verb'] }), 'NOT_FOUND');
  const own = await analyst.search.run({ ...scope(), clusterId: f.otherCluster, query: '' });
  assert.ok(own.kind === 'search');
  assert.deepEqual(
    own.events.map((x) => (x as { auditID: string }).auditID),
    ['b1'],
  );
});

test('a syntax error is a BAD_REQUEST carrying where in the query it is', async () => {
  const query = 'verb: get and\n  (user.username: bob';
  const err = await rejectsWith(as(users.analyst).search.run({ ...scope(), query }), 'BAD_REQUEST');
  assert.ok(err.cause instanceof QueryError);
  assert.equal(err.cause.position?.line, 2);
});

test('over HTTP, the error data holds the query error position for the console to underline', async () => {
  const query = 'verb: get and\n  (user.username: bob';
  const input = encodeURIComponent(JSON.stringify({ json: { ...scope(), query } }));
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://console.test/api/trpc/search.run?input=${input}`),
    router: appRouter,
    createContext: () => createApiContext(f.deps, users.analyst),
  });
  assert.equal(res.status, 400);
  // superjson wraps every answer in `json`.
  const body = (await res.json()) as { error: { json: { message: string; data: ApiErrorData } } };
  const error = body.error.json;
  assert.equal(error.data.code, 'BAD_REQUEST');
  assert.equal(error.data.appCode, 'BAD_REQUEST');
  const position = error.data.position;
  assert.ok(position);
  assert.equal(position.line, 2);
  assert.equal(position.offset, position.column - 1 + query.indexOf('\n') + 1);
  assert.match(error.message, /line 2/);
});

test('a bad facet field name is a BAD_REQUEST', async () => {
  await rejectsWith(as(users.analyst).search.facets({ ...scope(), query: '', fields: ['verb; drop table'] }), 'BAD_REQUEST');
});

test('inputs out of bounds are refused as BAD_REQUEST', async () => {
  const analyst = as(users.analyst);
  const refused = async (input: Parameters<typeof analyst.search.run>[0], field: RegExp) => {
    const err = await rejectsWith(analyst.search.run(input), 'BAD_REQUEST');
    assert.match(err.message, field);
  };
  await refused({ ...scope(), from: iso(HOUR), to: iso(0), query: '' }, /before/);
  await refused({ ...scope(), from: iso(0), to: iso(0), query: '' }, /before/);
  await refused({ ...scope(), limit: 0, query: '' }, /limit|>=1/);
  await refused({ ...scope(), limit: 10_001, query: '' }, /limit|<=10000/);
  await refused({ ...scope(), query: 'a'.repeat(65_537) }, /too big|65536/i);
  await refused({ ...scope(), from: 'yesterday', query: '' }, /datetime/i);
  await rejectsWith(analyst.search.histogram({ ...scope(), query: '', buckets: 0 }), 'BAD_REQUEST');
  await rejectsWith(analyst.search.facets({ ...scope(), query: '', fields: [] }), 'BAD_REQUEST');
  await rejectsWith(analyst.search.facets({ ...scope(), query: '', fields: ['verb'], top: 51 }), 'BAD_REQUEST');
});
