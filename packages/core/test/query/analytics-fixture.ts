// The events every analytics suite queries, and the helpers they query them with.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { buildAnalyticsQuery, isAnalytics, parseQuery, QueryError } from '@kubetrail/query';
import { runQuery } from '../../src/index';
import { BASE, ev, HOUR, queryFixture, type QueryFixture } from './query-fixture';

export const range = { from: new Date(BASE - HOUR), to: new Date(BASE + 48 * HOUR) };
export const iso = (minute: number) => new Date(BASE + minute * 60_000).toISOString();
const user = (username: string, groups = ['system:authenticated']) => ({ username, groups });

/** An event at `BASE + minute` (BASE is Friday 2026-11-20 08:00 UTC). */
const e = (id: string, minute: number, over: Record<string, unknown>) =>
  ev({ auditID: id, stageTimestamp: iso(minute), requestReceivedTimestamp: iso(minute - 0.001), ...over });

export const EVENTS = [
  e('a1', 0, {
    verb: 'get',
    user: user('alice@example.com', ['devs', 'system:authenticated']),
    requestURI: '/api/v1/namespaces/default/pods?limit=50',
  }),
  e('a2', 5, { verb: 'get', user: user('alice@example.com', ['devs', 'system:authenticated']), sourceIPs: ['10.0.0.7', '192.168.0.1'] }),
  e('a3', 10, {
    verb: 'list',
    user: user('bob@example.com', ['ops']),
    objectRef: { resource: 'deployments', namespace: 'shop', apiGroup: 'apps', apiVersion: 'v1' },
    sourceIPs: ['192.168.1.20'],
  }),
  e('a4', 15, {
    verb: 'delete',
    user: user('bob@example.com', ['ops']),
    objectRef: { resource: 'deployments', namespace: 'shop', name: 'cart', apiGroup: 'apps', apiVersion: 'v1' },
    responseStatus: { code: 403 },
    annotations: { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': 'RBAC: no matching role' },
    sourceIPs: ['192.168.1.20'],
  }),
  e('a5', 70, {
    verb: 'create',
    user: user('system:serviceaccount:kube-system:replicaset-controller', ['system:serviceaccounts']),
    objectRef: { resource: 'pods', namespace: 'kube-system', name: 'coredns-1', apiVersion: 'v1' },
    responseStatus: { code: 201 },
    userAgent: 'kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/abc123',
    sourceIPs: ['172.16.0.3'],
  }),
  e('a6', 75, {
    verb: 'create',
    stage: 'ResponseStarted',
    user: user('kubernetes-admin', ['system:masters']),
    requestURI: '/api/v1/namespaces/shop/pods/web-0/exec?command=sh&container=web',
    objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web-0', apiVersion: 'v1' },
    responseStatus: { code: 101 },
    annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': 'RBAC: allowed by RoleBinding "ops-exec/shop" of ClusterRole "admin" to User "bob"',
    },
    sourceIPs: ['203.0.113.9'],
  }),
  e('a7', 130, {
    verb: 'get',
    user: user('carol@example.com'),
    objectRef: { resource: 'secrets', namespace: 'payments', name: 'db_password', apiVersion: 'v1' },
    responseStatus: { code: 404 },
    userAgent: 'curl/8.4.0',
    sourceIPs: ['10.0.0.8'],
  }),
  e('a8', 135, {
    verb: 'get',
    user: user('carol@example.com'),
    objectRef: { resource: 'secrets', namespace: 'payments', name: 'db-password', apiVersion: 'v1' },
    responseStatus: { code: 404 },
    sourceIPs: [],
  }),
  e('a9', 140, {
    verb: 'patch',
    user: user('dave@example.com'),
    objectRef: { resource: 'configmaps', namespace: 'payments', name: 'cfg%1', apiVersion: 'v1' },
    responseStatus: { code: 500 },
    requestObject: {
      metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
      spec: { replicas: 3, ports: [{ port: 80 }, { port: 443 }] },
    },
    sourceIPs: ['10.0.0.9'],
  }),
  e('a10', 1500, {
    verb: 'watch',
    user: user('erin@example.com'),
    objectRef: { resource: 'pods', apiVersion: 'v1' },
    sourceIPs: ['2001:db8::1'],
  }),
];

/** Registers the suite's database (seeded with EVENTS) and returns the helpers over it. */
export function analyticsSuite() {
  let f: QueryFixture | undefined;
  before(async () => {
    f = await queryFixture();
    await f.store(f.cluster, EVENTS);
    await f.store(f.foreignCluster, [e('x1', 0, { verb: 'get', user: user('mallory@example.com') })]);
  });
  after(() => f?.close());
  const fixture = () => f!;

  async function analytics(query: string) {
    const answer = await runQuery(fixture().deps, { project: fixture().project, ...range, query });
    assert.ok(answer.kind === 'analytics');
    return answer;
  }
  const rows = async (query: string) => (await analytics(query)).rows;
  /** The rows as objects by column name, for queries with several columns. */
  const records = async (query: string) => {
    const { columns, rows } = await analytics(query);
    return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
  };
  const first = async (query: string) => (await records(query))[0]!;

  async function rejectsQuery(query: string, message: RegExp) {
    await assert.rejects(analytics(query), (err: unknown) => {
      assert.ok(err instanceof QueryError, `expected a QueryError, got ${String(err)}`);
      assert.match(err.message, message);
      return true;
    });
  }

  const compile = (query: string) => {
    const parsed = parseQuery(query);
    assert.ok(isAnalytics(parsed));
    return buildAnalyticsQuery(parsed, { clusterIds: [fixture().cluster], ...range });
  };

  return { fixture, analytics, rows, records, first, rejectsQuery, compile };
}
