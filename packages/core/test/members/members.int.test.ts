import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@kubetrail/contracts';
import { createPool, createPrisma } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import {
  changeMemberRole,
  createOwnedProject,
  createUser,
  inviteMember,
  listChanges,
  listMembers,
  recordChange,
  removeMember,
  setCurrentProject,
  signIn,
  userProjects,
  type CoreDeps,
} from '../../src/index';

let database: TestDatabase;
let deps: CoreDeps;
let owner: string;
let projectId: string;
const PASSWORD = 'correct horse battery';

async function refusedWith(call: Promise<unknown>, code: AppError['code']): Promise<void> {
  const error = await call.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, String(error));
  assert.equal(error.code, code, error.message);
}

before(async () => {
  database = await createTestDatabase('kt_members');
  deps = { db: createPrisma(database.url), pool: createPool(database.url, 2) };
  owner = (await createUser(deps, { email: 'owner@example.com', password: PASSWORD })).id;
  projectId = (await createOwnedProject(deps, owner, 'payments')).id;
});
after(async () => {
  await deps?.db.$disconnect();
  await deps?.pool.end();
  await database?.drop();
});

test('the creator of a project is its owner and it becomes their current project', async () => {
  const mine = await userProjects(deps, owner);
  assert.deepEqual(mine.projects, [{ id: projectId, name: 'payments', role: 'owner' }]);
  assert.equal(mine.currentProjectId, projectId);
});

test('inviting an existing user adds them at once; an unknown email waits for their account', async () => {
  const existing = await createUser(deps, { email: 'dana@example.com', password: PASSWORD });
  const added = await inviteMember(deps, projectId, { email: 'Dana@example.com', role: 'analyst', invitedBy: owner });
  assert.equal(added.kind, 'member');
  const pending = await inviteMember(deps, projectId, { email: 'erin@example.com', role: 'admin', invitedBy: owner });
  assert.equal(pending.kind, 'invitation');
  await refusedWith(inviteMember(deps, projectId, { email: 'dana@example.com', role: 'viewer', invitedBy: owner }), 'CONFLICT');
  await refusedWith(inviteMember(deps, projectId, { email: 'not an email', role: 'viewer', invitedBy: owner }), 'BAD_REQUEST');
  const erin = await createUser(deps, { email: 'erin@example.com', password: PASSWORD });
  const list = await listMembers(deps, projectId);
  assert.deepEqual(list.members.map((m) => [m.email, m.role]).sort(), [
    ['dana@example.com', 'analyst'],
    ['erin@example.com', 'admin'],
    ['owner@example.com', 'owner'],
  ]);
  assert.equal(list.invitations.length, 0);
  assert.ok(existing.id && erin.id);
});

test('an invitation for an account that already exists in another way applies at its next sign-in', async () => {
  const frank = await createUser(deps, { email: 'frank@example.com', password: PASSWORD });
  // Written directly: the invitation predates the account, as after a restore.
  await deps.db.invitation.create({ data: { id: 'i-frank', projectId, email: 'frank@example.com', role: 'viewer' } });
  await signIn(deps, { email: 'frank@example.com', password: PASSWORD, client: { ip: '192.0.2.1', userAgent: null } });
  assert.equal((await userProjects(deps, frank.id)).projects[0]?.role, 'viewer');
});

test('a project keeps at least one owner', async () => {
  await refusedWith(removeMember(deps, projectId, owner), 'CONFLICT');
  await refusedWith(changeMemberRole(deps, projectId, owner, 'admin'), 'CONFLICT');
  const dana = (await deps.db.user.findUniqueOrThrow({ where: { email: 'dana@example.com' } })).id;
  const { before, after } = await changeMemberRole(deps, projectId, dana, 'owner');
  assert.equal(before.role, 'analyst');
  assert.equal(after.role, 'owner');
  await changeMemberRole(deps, projectId, owner, 'admin');
  await changeMemberRole(deps, projectId, owner, 'owner');
});

test('a removed member loses the project, and it is no longer their current one', async () => {
  const erin = (await deps.db.user.findUniqueOrThrow({ where: { email: 'erin@example.com' } })).id;
  await setCurrentProject(deps, erin, projectId);
  await removeMember(deps, projectId, erin);
  assert.deepEqual(await userProjects(deps, erin), { projects: [], currentProjectId: null });
  await refusedWith(setCurrentProject(deps, erin, projectId), 'NOT_FOUND');
});

test('the audit trail lists a project’s changes newest first, with actor, address and before/after', async () => {
  const actor = { userId: owner, label: 'owner@example.com', via: 'console' as const, ip: '198.51.100.1' };
  await recordChange(deps, actor, {
    projectId,
    action: 'cluster.rename',
    target: { type: 'cluster', id: 'c-1', name: 'b' },
    before: { name: 'a' },
    after: { name: 'b' },
  });
  await recordChange(
    deps,
    { ...actor, via: 'cli', label: 'cli:root', userId: null, ip: null },
    {
      projectId,
      action: 'cluster.disable-audit',
      target: { type: 'cluster', id: 'c-1' },
      before: { auditEnabled: true, at: new Date('2026-01-01T00:00:00Z') },
    },
  );
  await recordChange(deps, actor, { projectId: 'p-other', action: 'cluster.delete', target: { type: 'cluster', id: 'c-2' } });
  const changes = await listChanges(deps, projectId);
  assert.deepEqual(
    changes.map((c) => [c.action, c.actor, c.via, c.ip]),
    [
      ['cluster.disable-audit', 'cli:root', 'cli', null],
      ['cluster.rename', 'owner@example.com', 'console', '198.51.100.1'],
    ],
  );
  assert.deepEqual(changes[0]!.before, { auditEnabled: true, at: '2026-01-01T00:00:00.000Z' });
  assert.equal(changes[0]!.after, null);
  assert.deepEqual(changes[1]!.after, { name: 'b' });
  assert.deepEqual(await listChanges(deps, projectId, { after: changes[0]!.id }), changes.slice(1));
  assert.deepEqual(await listChanges(deps, projectId, { limit: 1 }), changes.slice(0, 1));
});
