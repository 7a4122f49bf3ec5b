import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@kubetrail/contracts';
import { createPool, createPrisma } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import {
  AgentAuthenticator,
  assertAlertRuleQuota,
  createCluster,
  createOwnedProject,
  createProject,
  createUser,
  DEFAULT_QUOTAS,
  moveCluster,
  quotaDefaults,
  readQuotas,
  setQuotas,
  type CoreDeps,
} from '../../src/index';

let database: TestDatabase;
let deps: CoreDeps;
const PASSWORD = 'correct horse battery';

async function refused(call: Promise<unknown>, code: AppError['code'], message?: string | RegExp): Promise<AppError> {
  const error = await call.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, String(error));
  assert.equal(error.code, code, error.message);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
  return error;
}

const newCluster = (project: string, name: string) => createCluster(deps, { project, name, policyPreset: 'none' });

before(async () => {
  database = await createTestDatabase('kt_quotas');
  deps = { db: createPrisma(database.url), pool: createPool(database.url, 4) };
});
after(async () => {
  await deps?.db.$disconnect();
  await deps?.pool.end();
  await database?.drop();
});

test('the migration seeds the built-in defaults, and every scope reads them until overridden', async () => {
  assert.deepEqual(await quotaDefaults(deps.db), DEFAULT_QUOTAS);
  const report = await readQuotas(deps);
  assert.equal(report.scope, 'global');
  for (const [name, limit] of Object.entries(DEFAULT_QUOTAS))
    assert.deepEqual(report.quotas[name as keyof typeof DEFAULT_QUOTAS], { limit, source: 'default' });
});

describe('projects per user', () => {
  test('a user creating a project beyond the quota is refused with the quota, the limit and the fix', async () => {
    const alice = await createUser(deps, { email: 'alice@example.com', password: PASSWORD });
    const bob = await createUser(deps, { email: 'bob@example.com', password: PASSWORD });
    await setQuotas(deps, {}, { projectsPerUser: 2 });
    await createOwnedProject(deps, alice.id, 'alice-1');
    await createOwnedProject(deps, alice.id, 'alice-2');
    await refused(
      createOwnedProject(deps, alice.id, 'alice-3'),
      'QUOTA_EXCEEDED',
      'user alice@example.com already owns 2 projects (quota projects per user = 2); an operator can raise it with `kubetrail quota set --projects-per-user N`',
    );
    assert.equal(await deps.db.project.count({ where: { name: 'alice-3' } }), 0, 'nothing of the refused project remains');
    // Another user's count is their own.
    await createOwnedProject(deps, bob.id, 'bob-1');

    await setQuotas(deps, {}, { projectsPerUser: 3 });
    await createOwnedProject(deps, alice.id, 'alice-3');
    await refused(
      createOwnedProject(deps, alice.id, 'alice-4'),
      'QUOTA_EXCEEDED',
      /already owns 3 projects \(quota projects per user = 3\)/,
    );
  });

  test('two creations racing for the last slot: exactly one wins', async () => {
    const carol = await createUser(deps, { email: 'carol@example.com', password: PASSWORD });
    await setQuotas(deps, {}, { projectsPerUser: 1 });
    const results = await Promise.allSettled(['carol-a', 'carol-b', 'carol-c'].map((n) => createOwnedProject(deps, carol.id, n)));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results));
    for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as AppError).code, 'QUOTA_EXCEEDED', String(r.reason));
    assert.equal(await deps.db.membership.count({ where: { userId: carol.id, role: 'owner' } }), 1);
    await setQuotas(deps, {}, { projectsPerUser: DEFAULT_QUOTAS.projectsPerUser });
  });
});

describe('clusters per project', () => {
  test('a project override lowers or raises the default; dropping it restores the default', async () => {
    const small = await createProject(deps, 'small');
    const other = await createProject(deps, 'other');
    await setQuotas(deps, {}, { clustersPerProject: 2 });
    const set = await setQuotas(deps, { project: 'small' }, { clustersPerProject: 1 });
    assert.deepEqual(set.before.quotas.clustersPerProject, { limit: 2, source: 'default' });
    assert.deepEqual(set.after.quotas.clustersPerProject, { limit: 1, source: 'project' });
    assert.deepEqual(set.changed, ['clustersPerProject']);

    await newCluster(small.id, 'a');
    await refused(
      newCluster(small.id, 'b'),
      'QUOTA_EXCEEDED',
      'project small already has 1 clusters (quota clusters per project = 1); an operator can raise it with `kubetrail quota set --project small --clusters-per-project N`',
    );
    assert.equal(await deps.db.cluster.count({ where: { projectId: small.id } }), 1);
    // The other project has the default of 2.
    await newCluster(other.id, 'a');
    await newCluster(other.id, 'b');
    await refused(newCluster(other.id, 'c'), 'QUOTA_EXCEEDED', /project other already has 2 clusters \(quota clusters per project = 2\)/);

    await setQuotas(deps, { project: small.id }, { clustersPerProject: 3 });
    await newCluster(small.id, 'b');
    const dropped = await setQuotas(deps, { project: 'small' }, { clustersPerProject: null });
    assert.deepEqual(dropped.after.quotas.clustersPerProject, { limit: 2, source: 'default' });
    assert.equal(await deps.db.projectQuota.count({ where: { projectId: small.id } }), 0, 'an override of nothing is no row');
    await refused(newCluster(small.id, 'c'), 'QUOTA_EXCEEDED', /quota clusters per project = 2/);
  });

  test('moving a cluster into a full project is refused too, and the cluster stays where it was', async () => {
    const full = await createProject(deps, 'full');
    const source = await createProject(deps, 'source');
    await setQuotas(deps, { project: full.id }, { clustersPerProject: 1 });
    await newCluster(full.id, 'one');
    const mover = await newCluster(source.id, 'mover');
    await refused(moveCluster(deps, mover.id, full.id), 'QUOTA_EXCEEDED', /project full already has 1 clusters/);
    assert.equal((await deps.db.cluster.findUniqueOrThrow({ where: { id: mover.id } })).projectId, source.id);
    await setQuotas(deps, { project: full.id }, { clustersPerProject: 2 });
    assert.equal((await moveCluster(deps, mover.id, full.id)).after.projectId, full.id);
  });

  test('concurrent creations in a project with one slot left: exactly one wins', async () => {
    const racy = await createProject(deps, 'racy');
    await setQuotas(deps, { project: racy.id }, { clustersPerProject: 1 });
    const results = await Promise.allSettled(['x', 'y', 'z'].map((n) => newCluster(racy.id, n)));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results));
    assert.equal(await deps.db.cluster.count({ where: { projectId: racy.id } }), 1);
  });
});

test('assertAlertRuleQuota: the count passed is checked against the project quota', async () => {
  const rules = await createProject(deps, 'rules');
  await assertAlertRuleQuota(deps.db, rules.id, DEFAULT_QUOTAS.alertRulesPerProject - 1);
  await refused(
    assertAlertRuleQuota(deps.db, rules.id, DEFAULT_QUOTAS.alertRulesPerProject),
    'QUOTA_EXCEEDED',
    'project rules already has 200 alert rules (quota alert rules per project = 200); an operator can raise it with `kubetrail quota set --project rules --alert-rules-per-project N`',
  );
  await setQuotas(deps, { project: 'rules' }, { alertRulesPerProject: 250 });
  await assertAlertRuleQuota(deps.db, rules.id, 249);
  await refused(assertAlertRuleQuota(deps.db, rules.id, 250), 'QUOTA_EXCEEDED', /quota alert rules per project = 250/);
  await refused(assertAlertRuleQuota(deps.db, 'p-nope', 0), 'NOT_FOUND');
});

test('set refuses quotas outside their scope, both targets at once, nothing to set and unsetting a default', async () => {
  const p = await createProject(deps, 'scoped');
  const c = await newCluster(p.id, 'c1');
  const before = { global: await readQuotas(deps), cluster: await readQuotas(deps, { cluster: c.id }) };
  await refused(setQuotas(deps, { project: p.id }, { projectsPerUser: 5 }), 'BAD_REQUEST', /--projects-per-user cannot be set per project/);
  await refused(
    setQuotas(deps, { cluster: c.id }, { clustersPerProject: 5 }),
    'BAD_REQUEST',
    /--clusters-per-project cannot be set per cluster/,
  );
  await refused(setQuotas(deps, { project: p.id }, { ingestEventsPerSecond: 5 }), 'BAD_REQUEST', /cannot be set per project/);
  await refused(setQuotas(deps, { project: p.id, cluster: c.id }, { ingestEventsPerSecond: 5 }), 'BAD_REQUEST', /not both/);
  await refused(setQuotas(deps, {}, {}), 'BAD_REQUEST', /^name at least one quota to set/);
  await refused(setQuotas(deps, {}, { clustersPerProject: null }), 'BAD_REQUEST', /the default cannot be removed/);
  await refused(setQuotas(deps, {}, { ingestEventsPerSecond: 0 }), 'BAD_REQUEST', /no unlimited quota/);
  await refused(setQuotas(deps, { cluster: 'nope' }, { ingestEventsPerSecond: 5 }), 'NOT_FOUND');
  assert.deepEqual(
    { global: await readQuotas(deps), cluster: await readQuotas(deps, { cluster: c.id }) },
    before,
    'refusals change nothing',
  );
});

test('the ingest identity carries the cluster override, else the default rate, within the cache ttl', async () => {
  const p = await createProject(deps, 'ingest');
  const c = await newCluster(p.id, 'rated');
  let now = 0;
  const auth = new AgentAuthenticator(deps.db, 1_000, () => now);
  const header = `Bearer ${c.token}`;
  assert.equal((await auth.authenticate(header)).eventsPerSecond, DEFAULT_QUOTAS.ingestEventsPerSecond);

  const report = await setQuotas(deps, { cluster: c.name }, { ingestEventsPerSecond: 40 });
  assert.equal(report.after.scope, 'cluster');
  assert.deepEqual(report.after.project, { id: p.id, name: 'ingest' });
  assert.deepEqual(report.after.quotas.ingestEventsPerSecond, { limit: 40, source: 'cluster' });
  assert.equal((await auth.authenticate(header)).eventsPerSecond, DEFAULT_QUOTAS.ingestEventsPerSecond, 'cached until the ttl');
  now += 1_001;
  assert.equal((await auth.authenticate(header)).eventsPerSecond, 40);

  await setQuotas(deps, { cluster: c.id }, { ingestEventsPerSecond: null });
  await setQuotas(deps, {}, { ingestEventsPerSecond: 123 });
  now += 1_001;
  assert.equal((await auth.authenticate(header)).eventsPerSecond, 123, 'back on the (new) default');
  await setQuotas(deps, {}, { ingestEventsPerSecond: DEFAULT_QUOTAS.ingestEventsPerSecond });
});
