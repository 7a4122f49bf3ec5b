// Moving a cluster to another project moves its stored events without
// copying them, and the old project's members lose them with the commit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TRPCError } from '@trpc/server';
import { AppError } from '@kubetrail/contracts';
import { createCluster, createUser, moveCluster, runQuery } from '@kubetrail/core';
import { clusterPartitionName, quoteIdent } from '@kubetrail/db';
// The search router itself, not the whole app router, so this suite does not
// depend on routers unrelated to it.
import { searchRouter } from '../../packages/api/src/routers/search.router';
import { createApiContext, createCallerFactory, router } from '../../packages/api/src/trpc';
import { BASE, ev, HOUR, queryFixture, type QueryFixture } from '../../packages/core/test/query/query-fixture';

let f: QueryFixture;
const users = { analystA: '', analystB: '' };
const iso = (ms: number) => new Date(BASE + ms).toISOString();
const createCaller = createCallerFactory(router({ search: searchRouter }));
const as = (userId: string) => createCaller(createApiContext(f.deps, userId));
const range = { from: new Date(BASE - HOUR), to: new Date(BASE + 2 * HOUR) };
const EVENTS = 40;

const search = (projectId: string, userId: string, clusterId?: string) =>
  as(userId).search.run({ projectId, ...(clusterId ? { clusterId } : {}), from: iso(-HOUR), to: iso(2 * HOUR), query: '', limit: 1 });
const total = async (answer: Promise<{ kind: string; total?: number }>) => {
  const a = await answer;
  assert.equal(a.kind, 'search');
  return a.total!;
};

async function rejects(call: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof AppError || error instanceof TRPCError, `unexpected ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    return true;
  });
}

/** Everything a copy would change: the cluster's rows and its partitions' names and oids. */
async function storage(clusterId: string) {
  const rows = await f.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE cluster_id = $1', [clusterId]);
  const parts = await f.deps.pool.query<{ oid: number; name: string }>(
    `SELECT c.oid::int AS oid, c.relname AS name FROM pg_partition_tree($1::regclass) t JOIN pg_class c ON c.oid = t.relid
      ORDER BY c.relname`,
    [quoteIdent(clusterPartitionName(clusterId))],
  );
  return { events: rows.rows[0]!.n, partitions: parts.rows };
}

const projectOf = async (clusterId: string) =>
  (await f.deps.db.cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { projectId: true } })).projectId;

before(async () => {
  f = await queryFixture();
  await f.store(
    f.cluster,
    Array.from({ length: EVENTS }, (_, i) => ev({ stageTimestamp: iso(i * 60_000), requestReceivedTimestamp: iso(i * 60_000) })),
  );
  await f.store(f.foreignCluster, [ev({ stageTimestamp: iso(0), requestReceivedTimestamp: iso(0) })]);
  const user = async (project: string, email: string) =>
    (await createUser(f.deps, { email, password: 'correct horse battery', project, role: 'analyst' })).id;
  users.analystA = await user(f.project, 'a@example.com');
  users.analystB = await user(f.otherProject, 'b@example.com');
});
after(() => f?.close());

test('refusals name the problem and change nothing', async () => {
  const unchanged = await storage(f.cluster);
  await rejects(moveCluster(f.deps, f.cluster, f.project), 'BAD_REQUEST', /already in project payments/);
  await rejects(moveCluster(f.deps, f.cluster, 'no-such-project'), 'NOT_FOUND', /no project "no-such-project"/);
  await rejects(moveCluster(f.deps, 'no-such-cluster', f.otherProject), 'NOT_FOUND', /no cluster "no-such-cluster"/);
  // The cluster is not in the source project the caller named.
  await rejects(moveCluster(f.deps, f.cluster, f.project, { sourceProjectId: f.otherProject }), 'NOT_FOUND', /no cluster/);
  // The target already has a cluster named like this one.
  const clash = await createCluster(f.deps, { project: f.otherProject, name: 'prod', policyPreset: 'none' });
  await rejects(moveCluster(f.deps, f.cluster, f.otherProject), 'CONFLICT', /project search-team already has a cluster named "prod"/);
  await f.deps.db.cluster.delete({ where: { id: clash.id } });
  assert.equal(await projectOf(f.cluster), f.project);
  assert.deepEqual(await storage(f.cluster), unchanged);
  assert.equal(await total(search(f.project, users.analystA, f.cluster)), EVENTS);
});

test('a move takes the events to the new project without copying them, and the old one loses them at once', async () => {
  // Before: project A's analyst sees X's events (core and tRPC); B's does not.
  const core = await runQuery(f.deps, { project: f.project, cluster: f.cluster, ...range, query: '' });
  assert.ok(core.kind === 'search');
  assert.equal(core.total, EVENTS);
  assert.equal(await total(search(f.project, users.analystA, f.cluster)), EVENTS);
  assert.equal(await total(search(f.otherProject, users.analystB)), 1);
  await rejects(search(f.otherProject, users.analystB, f.cluster), 'NOT_FOUND', /no cluster/);
  const stored = await storage(f.cluster);
  assert.equal(stored.events, EVENTS);
  assert.ok(stored.partitions.length >= 2, 'a cluster partition and its day partitions');

  const { before: was, after: now } = await moveCluster(f.deps, 'prod', 'search-team', { sourceProjectId: f.project });
  assert.equal(was.projectId, f.project);
  assert.deepEqual(now, { ...was, projectId: f.otherProject });

  // A's analyst: the cluster is unknown, and the project's other searches no longer count its events.
  await rejects(search(f.project, users.analystA, f.cluster), 'NOT_FOUND', /no cluster/);
  assert.equal(await total(search(f.project, users.analystA)), 0);
  await rejects(runQuery(f.deps, { project: f.project, cluster: f.cluster, ...range, query: '' }), 'NOT_FOUND', /no cluster/);
  // Even a query naming the cluster's id directly, past the compiler, finds nothing under A's scope.
  const scoped = await runQuery(f.deps, { project: f.project, ...range, query: '* | SELECT count(1) AS n' });
  assert.ok(scoped.kind === 'analytics');
  assert.deepEqual(scoped.rows, [[0]]);
  // B's analyst sees exactly the events A saw, plus B's own cluster's.
  assert.equal(await total(search(f.otherProject, users.analystB, f.cluster)), EVENTS);
  assert.equal(await total(search(f.otherProject, users.analystB)), EVENTS + 1);
  // Same rows, same partitions (names and oids): nothing was copied.
  assert.deepEqual(await storage(f.cluster), stored);
});

test('moving it back is refused while the old project has a cluster of that name', async () => {
  await createCluster(f.deps, { project: f.project, name: 'prod', policyPreset: 'none' });
  // Back in project A a new cluster took the name meanwhile.
  await rejects(moveCluster(f.deps, f.cluster, f.project), 'CONFLICT', /project payments already has a cluster named "prod"/);
  assert.equal(await projectOf(f.cluster), f.otherProject);
  assert.equal(await total(search(f.otherProject, users.analystB, f.cluster)), EVENTS);
});
