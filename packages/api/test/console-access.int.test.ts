// Every tRPC procedure, called by each role of a project, by a member of
// another project and anonymously: the server refuses what the role may not do.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TRPCError } from '@trpc/server';
import { ROLES, roleAtLeast, type RoleName } from '@kubetrail/contracts';
import { createCluster, createProject, createUser, issueToken, saveChannel, saveQuery, saveRule, NO_ALERT_SETTINGS } from '@kubetrail/core';
import { queryFixture, type QueryFixture } from '../../core/test/query/query-fixture';
import { appRouter, createApiContext, createCaller } from '../src/index';

type Caller = ReturnType<typeof createCaller>;
interface Scope {
  projectId: string;
  clusterId: string;
}
interface Case {
  /** the least role allowed; `any` is any signed-in user */
  min: RoleName | 'any';
  /** whether the input names a cluster, whose id an outsider might guess */
  clusterScoped: boolean;
  call: (api: Caller, scope: Scope) => Promise<unknown>;
}

let f: QueryFixture;
const users = {} as Record<RoleName | 'outsider', string>;
/** a third project in which every role user of the first is an admin, to move clusters to */
let targetProjectId = '';
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;
const as = (userId: string | null) => createCaller(createApiContext(f.deps, userId, { ip: '198.51.100.7' }));
const day = { from: '2026-11-20T08:00:00.000Z', to: '2026-11-20T09:00:00.000Z' };

/** A throwaway cluster in the scope's project, so destructive calls leave the shared one alone. */
const spareCluster = async (projectId: string) =>
  (await createCluster(f.deps, { project: projectId, name: unique('spare'), policyPreset: 'none' })).id;
const spareMember = async (projectId: string) =>
  (await createUser(f.deps, { email: `${unique('m')}@example.com`, password: 'correct horse battery', project: projectId, role: 'viewer' }))
    .id;

/** A throwaway alert rule, channel and saved query, for calls that change or delete one. */
const spareRule = async (projectId: string) => (await saveRule(f.deps, projectId, { name: unique('rule'), query: 'verb: delete' })).rule.id;
// A loopback target: the SSRF guard refuses it at once, so a test send answers without network.
const spareChannel = async (projectId: string) =>
  (
    await saveChannel(f.deps, NO_ALERT_SETTINGS, projectId, {
      name: unique('hook'),
      kind: 'webhook',
      settings: { url: 'http://127.0.0.1:9/' },
    })
  ).channel.id;
const spareSavedQuery = async (projectId: string) =>
  (await saveQuery(f.deps, projectId, null, { name: unique('saved'), query: 'verb: delete' })).savedQuery.id;

const CASES: Record<string, Case> = {
  'session.me': { min: 'any', clusterScoped: false, call: (api) => api.session.me() },
  'projects.mine': { min: 'any', clusterScoped: false, call: (api) => api.projects.mine() },
  'projects.switch': { min: 'viewer', clusterScoped: false, call: (api, s) => api.projects.switch({ projectId: s.projectId }) },
  'projects.create': { min: 'any', clusterScoped: false, call: (api) => api.projects.create({ name: unique('proj') }) },
  'members.list': { min: 'viewer', clusterScoped: false, call: (api, s) => api.members.list(s) },
  'members.invite': {
    min: 'owner',
    clusterScoped: false,
    call: (api, s) => api.members.invite({ projectId: s.projectId, email: `${unique('inv')}@example.com`, role: 'viewer' }),
  },
  'members.revokeInvitation': {
    min: 'owner',
    clusterScoped: false,
    call: async (api, s) => {
      const invitation = await f.deps.db.invitation.create({
        data: { id: unique('i'), projectId: s.projectId, email: `${unique('pending')}@example.com`, role: 'viewer' },
      });
      return api.members.revokeInvitation({ projectId: s.projectId, invitationId: invitation.id });
    },
  },
  'members.changeRole': {
    min: 'owner',
    clusterScoped: false,
    call: async (api, s) => api.members.changeRole({ projectId: s.projectId, userId: await spareMember(s.projectId), role: 'analyst' }),
  },
  'members.remove': {
    min: 'owner',
    clusterScoped: false,
    call: async (api, s) => api.members.remove({ projectId: s.projectId, userId: await spareMember(s.projectId) }),
  },
  'clusters.list': { min: 'viewer', clusterScoped: false, call: (api, s) => api.clusters.list({ projectId: s.projectId }) },
  'clusters.detail': { min: 'viewer', clusterScoped: true, call: (api, s) => api.clusters.detail(s) },
  'clusters.create': {
    min: 'admin',
    clusterScoped: false,
    call: (api, s) => api.clusters.create({ projectId: s.projectId, name: unique('new'), type: 'managed', policyPreset: 'none' }),
  },
  'clusters.setAuditEnabled': {
    min: 'admin',
    clusterScoped: true,
    call: (api, s) => api.clusters.setAuditEnabled({ ...s, enabled: true }),
  },
  'clusters.rename': {
    min: 'admin',
    clusterScoped: true,
    call: async (api, s) => api.clusters.rename({ ...s, name: unique('renamed') }),
  },
  'clusters.delete': {
    min: 'admin',
    clusterScoped: true,
    call: async (api, s) => {
      // The shared cluster's id is only guessed by outsiders; members delete a spare one.
      const own = await f.deps.db.cluster.findFirst({ where: { id: s.clusterId, projectId: s.projectId } });
      const clusterId = own ? await spareCluster(s.projectId) : s.clusterId;
      const name = own ? (await f.deps.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).name : 'prod';
      return api.clusters.delete({ projectId: s.projectId, clusterId, confirmName: name });
    },
  },
  'clusterTokens.list': { min: 'admin', clusterScoped: true, call: (api, s) => api.clusterTokens.list(s) },
  'clusterTokens.issue': { min: 'admin', clusterScoped: true, call: (api, s) => api.clusterTokens.issue(s) },
  'clusterTokens.revoke': {
    min: 'admin',
    clusterScoped: true,
    call: async (api, s) => api.clusterTokens.revoke({ ...s, tokenId: await tokenOf(s.clusterId) }),
  },
  'clusterTokens.rotate': {
    min: 'admin',
    clusterScoped: true,
    call: async (api, s) => api.clusterTokens.rotate({ ...s, tokenId: await tokenOf(s.clusterId) }),
  },
  'clusterRetention.storage': { min: 'viewer', clusterScoped: true, call: (api, s) => api.clusterRetention.storage(s) },
  'clusterRetention.set': { min: 'admin', clusterScoped: true, call: (api, s) => api.clusterRetention.set({ ...s, days: 30 }) },
  'clusterMove.move': {
    min: 'admin',
    clusterScoped: true,
    call: async (api, s) => {
      // Members move a spare cluster of theirs; outsiders try the shared one.
      const own = await f.deps.db.cluster.findFirst({ where: { id: s.clusterId, projectId: s.projectId } });
      const clusterId = own ? await spareCluster(s.projectId) : s.clusterId;
      return api.clusterMove.move({ projectId: s.projectId, clusterId, targetProjectId });
    },
  },
  'billing.bill': { min: 'admin', clusterScoped: false, call: (api, s) => api.billing.bill({ projectId: s.projectId, month: '2026-11' }) },
  'billing.budgetAlert': {
    min: 'admin',
    clusterScoped: false,
    call: (api, s) => api.billing.budgetAlert({ projectId: s.projectId, month: '2026-11' }),
  },
  'billing.policyWhatIf': {
    min: 'admin',
    clusterScoped: true,
    call: (api, s) =>
      api.billing.policyWhatIf({
        ...s,
        month: '2026-11',
        sinceDays: 1,
        source: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n',
      }),
  },
  'billing.prices': { min: 'admin', clusterScoped: false, call: (api, s) => api.billing.prices({ projectId: s.projectId }) },
  'billing.setPrices': {
    min: 'owner',
    clusterScoped: false,
    call: (api, s) =>
      api.billing.setPrices({
        projectId: s.projectId,
        currency: 'USD',
        perGBIngested: 0.5,
        perGBMonthStored: 0.03,
        perMillionEvents: 0.1,
        monthlyBudget: null,
      }),
  },
  'alerts.rules': { min: 'viewer', clusterScoped: false, call: (api, s) => api.alerts.rules({ projectId: s.projectId }) },
  'alerts.history': { min: 'viewer', clusterScoped: false, call: (api, s) => api.alerts.history({ projectId: s.projectId }) },
  'alerts.detections': { min: 'viewer', clusterScoped: false, call: (api, s) => api.alerts.detections({ projectId: s.projectId }) },
  'alerts.templates': { min: 'viewer', clusterScoped: false, call: (api, s) => api.alerts.templates({ projectId: s.projectId }) },
  'alerts.check': {
    min: 'analyst',
    clusterScoped: false,
    call: (api, s) => api.alerts.check({ projectId: s.projectId, query: 'verb: get', condition: 'Event =~ ".*"' }),
  },
  'alerts.save': {
    min: 'analyst',
    clusterScoped: false,
    call: (api, s) => api.alerts.save({ projectId: s.projectId, rule: { name: unique('rule'), query: 'verb: get' } }),
  },
  'alerts.fromDetection': {
    min: 'analyst',
    clusterScoped: false,
    call: (api, s) => api.alerts.fromDetection({ projectId: s.projectId, detection: 'exec-into-pod' }),
  },
  'alerts.setEnabled': {
    min: 'analyst',
    clusterScoped: false,
    call: async (api, s) => api.alerts.setEnabled({ projectId: s.projectId, rule: await spareRule(f.project), enabled: false }),
  },
  'alerts.delete': {
    min: 'analyst',
    clusterScoped: false,
    call: async (api, s) => api.alerts.delete({ projectId: s.projectId, rule: await spareRule(f.project) }),
  },
  'alerts.test': {
    min: 'analyst',
    clusterScoped: false,
    call: async (api, s) => api.alerts.test({ projectId: s.projectId, rule: await spareRule(f.project), sinceDays: 1 }),
  },
  'alertChannels.list': { min: 'viewer', clusterScoped: false, call: (api, s) => api.alertChannels.list({ projectId: s.projectId }) },
  'alertChannels.save': {
    min: 'admin',
    clusterScoped: false,
    call: (api, s) =>
      api.alertChannels.save({
        projectId: s.projectId,
        channel: { name: unique('hook'), kind: 'webhook', settings: { url: 'https://hooks.example.com/alerts' } },
      }),
  },
  'alertChannels.delete': {
    min: 'admin',
    clusterScoped: false,
    call: async (api, s) => api.alertChannels.delete({ projectId: s.projectId, channel: await spareChannel(f.project) }),
  },
  'alertChannels.test': {
    min: 'admin',
    clusterScoped: false,
    call: async (api, s) => api.alertChannels.test({ projectId: s.projectId, channel: await spareChannel(f.project) }),
  },
  'messages.list': { min: 'viewer', clusterScoped: false, call: (api, s) => api.messages.list({ projectId: s.projectId }) },
  'messages.unread': { min: 'viewer', clusterScoped: false, call: (api, s) => api.messages.unread({ projectId: s.projectId }) },
  'messages.markRead': { min: 'viewer', clusterScoped: false, call: (api, s) => api.messages.markRead({ projectId: s.projectId }) },
  'usage.list': { min: 'viewer', clusterScoped: true, call: (api, s) => api.usage.list(s) },
  'clusterInstall.target': { min: 'admin', clusterScoped: true, call: (api, s) => api.clusterInstall.target(s) },
  'auditTrail.list': { min: 'admin', clusterScoped: false, call: (api, s) => api.auditTrail.list({ projectId: s.projectId }) },
  'search.run': { min: 'analyst', clusterScoped: true, call: (api, s) => api.search.run({ ...s, ...day, query: '' }) },
  'search.histogram': { min: 'analyst', clusterScoped: true, call: (api, s) => api.search.histogram({ ...s, ...day, query: '' }) },
  'search.facets': {
    min: 'analyst',
    clusterScoped: true,
    call: (api, s) => api.search.facets({ ...s, ...day, query: '', fields: ['verb'] }),
  },
  'reports.overview': { min: 'analyst', clusterScoped: true, call: (api, s) => api.reports.overview({ ...s, ...day, code: 403 }) },
  'savedQueries.list': { min: 'analyst', clusterScoped: false, call: (api, s) => api.savedQueries.list({ projectId: s.projectId }) },
  'savedQueries.save': {
    min: 'analyst',
    clusterScoped: false,
    call: (api, s) => api.savedQueries.save({ projectId: s.projectId, name: unique('saved'), query: 'verb: get' }),
  },
  'savedQueries.delete': {
    min: 'analyst',
    clusterScoped: false,
    call: async (api, s) => api.savedQueries.delete({ projectId: s.projectId, savedQuery: await spareSavedQuery(f.project) }),
  },
};

// A token to revoke: the cluster's own when it exists (outsiders guess ids), else any string.
async function tokenOf(clusterId: string): Promise<string> {
  const cluster = await f.deps.db.cluster.findUnique({ where: { id: clusterId } });
  return cluster ? (await issueToken(f.deps, clusterId)).tokenId : 't-none';
}

async function refusal(call: Promise<unknown>): Promise<TRPCError['code'] | null> {
  try {
    await call;
    return null;
  } catch (error) {
    assert.ok(error instanceof TRPCError, `not a TRPCError: ${String(error)}`);
    return error.code;
  }
}

before(async () => {
  f = await queryFixture();
  for (const role of ROLES)
    users[role] = (
      await createUser(f.deps, { email: `${role}@example.com`, password: 'correct horse battery', project: f.project, role })
    ).id;
  targetProjectId = (await createProject(f.deps, 'move-target')).id;
  await f.deps.db.membership.createMany({
    data: ROLES.map((role) => ({ userId: users[role], projectId: targetProjectId, role: 'admin' as const })),
  });
  users.outsider = (
    await createUser(f.deps, { email: 'outsider@example.com', password: 'correct horse battery', project: f.otherProject, role: 'owner' })
  ).id;
});
after(() => f?.close());

test('every procedure of the router is covered by this matrix', () => {
  assert.deepEqual(Object.keys(appRouter._def.procedures).sort(), Object.keys(CASES).sort());
});

describe('each role gets exactly what it may do', () => {
  for (const [path, c] of Object.entries(CASES))
    test(path, async () => {
      const scope = () => ({ projectId: f.project, clusterId: f.cluster });
      for (const role of ROLES) {
        const allowed = c.min === 'any' || roleAtLeast(role, c.min);
        const code = await refusal(c.call(as(users[role]), scope()));
        if (allowed) assert.equal(code, null, `${role} should be allowed ${path}, got ${code}`);
        else assert.equal(code, 'FORBIDDEN', `${role} must be refused ${path}`);
      }
      assert.equal(await refusal(c.call(as(null), scope())), 'UNAUTHORIZED', `anonymous must be refused ${path}`);
    });
});

describe('a member of another project sees nothing of this one', () => {
  for (const [path, c] of Object.entries(CASES).filter(([, c]) => c.min !== 'any'))
    test(`${path} with this project's id`, async () => {
      assert.equal(await refusal(c.call(as(users.outsider), { projectId: f.project, clusterId: f.cluster })), 'NOT_FOUND');
    });
  for (const [path, c] of Object.entries(CASES).filter(([, c]) => c.clusterScoped))
    test(`${path} with a guessed cluster id under their own project`, async () => {
      assert.equal(await refusal(c.call(as(users.outsider), { projectId: f.otherProject, clusterId: f.cluster })), 'NOT_FOUND');
    });
});

test('refused calls change nothing: the shared cluster keeps its name, auditing and tokens', async () => {
  const before = await f.deps.db.cluster.findUniqueOrThrow({ where: { id: f.cluster }, include: { tokens: true } });
  await refusal(as(users.viewer).clusters.setAuditEnabled({ projectId: f.project, clusterId: f.cluster, enabled: false }));
  await refusal(as(users.outsider).clusters.rename({ projectId: f.otherProject, clusterId: f.cluster, name: 'stolen' }));
  await refusal(as(users.analyst).clusterTokens.revoke({ projectId: f.project, clusterId: f.cluster, tokenId: before.tokens[0]!.id }));
  const afterwards = await f.deps.db.cluster.findUniqueOrThrow({ where: { id: f.cluster }, include: { tokens: true } });
  assert.equal(afterwards.auditEnabled, before.auditEnabled);
  assert.equal(afterwards.name, before.name);
  assert.deepEqual(
    afterwards.tokens.filter((t) => t.revokedAt).map((t) => t.id),
    before.tokens.filter((t) => t.revokedAt).map((t) => t.id),
  );
});

test('moving a cluster needs admin in the target project too, with the same answers as for the source', async () => {
  const clusterId = await spareCluster(f.project);
  const viewerThere = await createProject(f.deps, 'viewer-there');
  await f.deps.db.membership.create({ data: { userId: users.admin, projectId: viewerThere.id, role: 'viewer' } });
  const admin = as(users.admin);
  assert.equal(await refusal(admin.clusterMove.move({ projectId: f.project, clusterId, targetProjectId: viewerThere.id })), 'FORBIDDEN');
  assert.equal(await refusal(admin.clusterMove.move({ projectId: f.project, clusterId, targetProjectId: f.otherProject })), 'NOT_FOUND');
  assert.equal((await f.deps.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).projectId, f.project);
});
