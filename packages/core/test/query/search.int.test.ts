import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@kubetrail/contracts';
import { QueryError } from '@kubetrail/query';
import { runQuery, type RunQueryInput } from '../../src/index';
import { BASE, ev, HOUR, queryFixture, type QueryFixture } from './query-fixture';

let f: QueryFixture;
const range = { from: new Date(BASE - HOUR), to: new Date(BASE + 24 * HOUR) };
const iso = (ms: number) => new Date(BASE + ms).toISOString();
const MIN = 60_000;

/** An event at `BASE + minute`, with the auditID the tests name it by. */
const e = (id: string, minute: number, over: Record<string, unknown>) =>
  ev({ auditID: id, stageTimestamp: iso(minute * MIN), requestReceivedTimestamp: iso(minute * MIN), ...over });

const update = (id: string, minute: number, name: string) =>
  e(id, minute, {
    verb: 'update',
    user: { username: 'frank@example.com', groups: ['system:authenticated'] },
    objectRef: { resource: 'configmaps', namespace: 'default', name, apiVersion: 'v1' },
    sourceIPs: ['10.0.1.1'],
  });

const PROD = [
  e('s01', 1, {
    verb: 'get',
    requestURI: '/api/v1/namespaces/default/pods/web-1',
    objectRef: { resource: 'pods', namespace: 'default', name: 'web-1', apiVersion: 'v1' },
    annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "devs-view" of ClusterRole "view" to Group "devs"',
    },
  }),
  e('s02', 2, {
    verb: 'delete',
    user: { username: 'bob@example.com', groups: ['ops', 'system:authenticated'] },
    requestURI: '/apis/apps/v1/namespaces/shop/deployments/cart',
    objectRef: { resource: 'deployments', namespace: 'shop', name: 'cart', apiGroup: 'apps', apiVersion: 'v1' },
    responseStatus: { code: 403 },
    annotations: { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' },
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    sourceIPs: ['192.168.1.20', '10.0.0.1'],
  }),
  e('s03', 3, {
    verb: 'create',
    user: {
      username: 'system:serviceaccount:kube-system:replicaset-controller',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
    },
    requestURI: '/api/v1/namespaces/kube-system/pods',
    objectRef: { resource: 'pods', namespace: 'kube-system', name: 'coredns-abc12', apiVersion: 'v1' },
    responseStatus: { code: 201 },
    userAgent: 'kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/abc123/system:serviceaccount:kube-system:replicaset-controller',
    sourceIPs: ['172.16.0.3'],
  }),
  e('s04', 4, {
    verb: 'create',
    stage: 'ResponseStarted',
    user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
    requestURI: '/api/v1/namespaces/shop/pods/web-0/exec?command=sh&container=web&stdin=true',
    objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web-0', apiVersion: 'v1' },
    responseStatus: { code: 101 },
    sourceIPs: ['203.0.113.9'],
  }),
  e('s05', 5, {
    verb: 'patch',
    user: { username: 'carol@example.com', groups: ['admins', 'system:authenticated'] },
    impersonatedUser: { username: 'system:admin', groups: ['system:masters'] },
    requestURI: '/api/v1/namespaces/shop/configmaps/app-config?fieldManager=kubectl-edit',
    objectRef: { resource: 'configmaps', namespace: 'shop', name: 'app-config', apiVersion: 'v1' },
    sourceIPs: ['198.51.100.4'],
  }),
  e('s06', 6, {
    verb: 'get',
    user: { username: 'dave@example.com', groups: ['payments-team'] },
    requestURI: '/api/v1/namespaces/payments/secrets/db-password',
    objectRef: { resource: 'secrets', namespace: 'payments', name: 'db-password', apiVersion: 'v1' },
    responseStatus: { code: 404 },
    userAgent: 'curl/8.4.0',
    sourceIPs: ['10.0.0.8'],
  }),
  e('s07', 7, {
    verb: 'list',
    user: { username: 'system:kube-scheduler', groups: ['system:authenticated'] },
    requestURI: '/api/v1/nodes?limit=500&resourceVersion=0',
    objectRef: { resource: 'nodes', apiVersion: 'v1' },
    responseStatus: { code: 500 },
    userAgent: 'kube-scheduler/v1.30.2',
    sourceIPs: ['127.0.0.1'],
  }),
  e('s08', 8, {
    verb: 'create',
    level: 'Request',
    user: { username: 'erin@example.com', groups: ['devs'] },
    requestURI: '/apis/apps/v1/namespaces/shop/deployments',
    objectRef: { resource: 'deployments', namespace: 'shop', name: 'storefront', apiGroup: 'apps', apiVersion: 'v1' },
    responseStatus: { code: 201 },
    requestObject: {
      metadata: { name: 'storefront', labels: { 'app.kubernetes.io/name': 'checkout', tier: 'frontend' } },
      spec: { replicas: 3 },
    },
    sourceIPs: ['10.0.0.9'],
  }),
  // Names with LIKE's and regular expressions' special characters, next to names they would match as patterns.
  update('s09', 9, 'svc_deploy'),
  update('s10', 10, 'svcXdeploy'),
  update('s11', 11, 'cpu%80'),
  update('s12', 12, 'cpu-80'),
  update('s13', 13, 'back\\slash'),
  update('s14', 14, 'backslash'),
  // A page of watches, a minute apart.
  ...[20, 21, 22, 23, 24].map((minute, i) =>
    e(`w${i + 1}`, minute, { verb: 'watch', user: { username: 'grace@example.com', groups: ['system:authenticated'] } }),
  ),
  // On the edges of a time range: [BASE+10h, BASE+11h).
  ...(
    [
      ['t-from', 600],
      ['t-mid', 630],
      ['t-last', 659.99],
      ['t-to', 660],
    ] as const
  ).map(([id, minute]) => e(id, minute, { verb: 'deletecollection', user: { username: 'heidi@example.com' } })),
];

const STAGING = [e('st1', 30, { verb: 'get', user: { username: 'ivan@example.com', groups: ['system:authenticated'] } })];
// Another project's events, shaped to match many of the searches below: they must never show.
const FOREIGN = [
  e('x1', 6, {
    verb: 'get',
    user: { username: 'mallory@example.com', groups: ['ops'] },
    objectRef: { resource: 'secrets', namespace: 'payments', name: 'db-password', apiVersion: 'v1' },
    responseStatus: { code: 404 },
  }),
];
const ALL_PROD = PROD.map((x) => x.auditID).sort();

async function search(query: string, over: Partial<RunQueryInput> = {}) {
  const answer = await runQuery(f.deps, { project: f.project, ...range, limit: 1000, query, ...over });
  assert.ok(answer.kind === 'search');
  assert.equal(answer.events.length, Math.max(0, Math.min(over.limit ?? 1000, answer.total - (over.offset ?? 0))));
  return answer;
}

/** The auditIDs a search finds in the project, sorted. */
const ids = async (query: string, over: Partial<RunQueryInput> = {}) =>
  (await search(query, over)).events.map((x) => (x as { auditID: string }).auditID).sort();

const except = (...excluded: string[]) =>
  ALL_PROD.filter((id) => !excluded.includes(id))
    .concat('st1')
    .sort();

async function eventCount(): Promise<number> {
  const { rows } = await f.deps.pool.query('SELECT count(*)::int AS n FROM audit_events');
  return rows[0].n;
}

before(async () => {
  f = await queryFixture();
  await f.store(f.cluster, PROD);
  await f.store(f.otherCluster, STAGING);
  await f.store(f.foreignCluster, FOREIGN);
});
after(() => f?.close());

test('a column-backed field matches whole tokens: verb, namespace, resource, name', async () => {
  assert.deepEqual(await ids('verb: delete'), ['s02']);
  assert.deepEqual(await ids('objectRef.namespace: payments'), ['s06']);
  assert.deepEqual(await ids('objectRef.resource: deployments'), ['s02', 's08']);
  assert.deepEqual(await ids('objectRef.name: db-password'), ['s06']);
  assert.deepEqual(await ids('stage: ResponseStarted'), ['s04']);
});

test('matching ignores case in the field value and in the query', async () => {
  assert.deepEqual(await ids('verb: DELETE'), ['s02']);
  assert.deepEqual(await ids('user.username: BOB'), ['s02']);
  assert.deepEqual(await ids('stage: responsestarted'), ['s04']);
  assert.deepEqual(await ids('userAgent: mozilla'), ['s02']);
});

test('values match tokens, not substrings', async () => {
  // alice@example.com is the tokens `alice` and `example.com`: `@` splits, `.` does not.
  assert.deepEqual(await ids('user.username: alic'), []);
  assert.deepEqual(await ids('user.username: example'), []);
  assert.equal((await ids('user.username: alice')).length, 1);
  assert.deepEqual(await ids('user.username: example.com and verb: get'), ['s01', 's06', 'st1']);
  assert.deepEqual(await ids('objectRef.name: web'), []);
  assert.deepEqual(await ids('objectRef.name: web-0'), ['s04']);
  assert.deepEqual(await ids('user.groups: dev'), []);
});

test('user.groups matches any of the groups', async () => {
  assert.deepEqual(await ids('user.groups: ops'), ['s02']);
  assert.deepEqual(await ids('user.groups: masters'), ['s04']);
  assert.deepEqual(await ids('user.groups: "system:serviceaccounts:kube-system"'), ['s03']);
  assert.deepEqual(await ids('user.groups: devs and user.groups: authenticated'), ['s01']);
});

test('sourceIPs matches any address in the list, as a whole token', async () => {
  assert.deepEqual(await ids('sourceIPs: 10.0.0.1'), ['s02']);
  assert.deepEqual(await ids('sourceIPs: 192.168.1.20'), ['s02']);
  assert.deepEqual(await ids('sourceIPs: 10.0.0'), []);
  assert.deepEqual(await ids('sourceIPs: 10.0.0.* and not verb: watch and not verb: deletecollection'), [
    's01',
    's02',
    's06',
    's08',
    'st1',
  ]);
});

test('subresource, decision and reason annotations, and the impersonated user are fields', async () => {
  assert.deepEqual(await ids('objectRef.subresource: exec'), ['s04']);
  assert.deepEqual(await ids('annotations.authorization.k8s.io/decision: forbid'), ['s02']);
  assert.deepEqual(await ids('annotations.authorization.k8s.io/reason: ClusterRoleBinding'), ['s01']);
  assert.deepEqual(await ids('annotations.authorization.k8s.io/reason: devs-view'), ['s01']);
  assert.deepEqual(await ids('impersonatedUser.username: admin'), ['s05']);
  assert.deepEqual(await ids('impersonatedUser.username: carol'), []);
});

test('labels whose keys hold dots and slashes are one field', async () => {
  assert.deepEqual(await ids('requestObject.metadata.labels.app.kubernetes.io/name: checkout'), ['s08']);
  assert.deepEqual(await ids('requestObject.metadata.labels.tier: frontend'), ['s08']);
  assert.deepEqual(await ids('requestObject.metadata.labels.app.kubernetes.io/name: frontend'), []);
});

test('requestURI query strings split into tokens at `?`, `&` and `=`', async () => {
  assert.deepEqual(await ids('requestURI: fieldManager'), ['s05']);
  assert.deepEqual(await ids('requestURI: limit=500'), ['s07']);
  assert.deepEqual(await ids('requestURI: "command=sh&container=web"'), ['s04']);
  assert.deepEqual(await ids('requestURI: "container=sh"'), []);
  assert.deepEqual(await ids('requestURI: exec and requestURI: stdin'), ['s04']);
});

test('userAgent tokens split at `/`, spaces and parentheses', async () => {
  assert.deepEqual(await ids('userAgent: curl'), ['s06']);
  assert.deepEqual(await ids('userAgent: "X11; Linux"'), ['s02']);
  assert.deepEqual(await ids('userAgent: replicaset-controller'), ['s03']);
  assert.deepEqual(await ids('userAgent: kube-scheduler'), ['s07']);
});

test('`*` stands for any run of token characters, `?` for one', async () => {
  assert.deepEqual(await ids('user.username: ca*'), ['s05']);
  assert.deepEqual(await ids('user.username: b?b'), ['s02']);
  assert.deepEqual(await ids('user.username: b?'), []);
  assert.deepEqual(await ids('verb: *ete'), ['s02']);
  assert.deepEqual(await ids('objectRef.name: c*t'), ['s02']);
  // A wildcard does not cross a delimiter.
  assert.deepEqual(await ids('user.username: alice*com'), []);
  assert.deepEqual(await ids('objectRef.name: svc?deploy'), ['s09', 's10']);
});

test('a quoted value matches its tokens in sequence, and its `*` is a plain character', async () => {
  assert.deepEqual(await ids('annotations.authorization.k8s.io/reason: "ClusterRole view"'), ['s01']);
  assert.deepEqual(await ids('annotations.authorization.k8s.io/reason: "view ClusterRole"'), []);
  assert.deepEqual(await ids('user.username: "kube-system:replicaset-controller"'), ['s03']);
  assert.deepEqual(await ids('user.username: "ca*"'), []);
});

test('`not` binds tighter than `and`, which binds tighter than `or`', async () => {
  // or(delete, and(get, dave)); read left to right it would be only dave's get.
  assert.deepEqual(await ids('verb: delete or verb: get and user.username: dave'), ['s02', 's06']);
  // and(not(get), list)
  assert.deepEqual(await ids('not verb: get and verb: list'), ['s07']);
  // or(and(get, dave), and(not(shop), patch)): carol's patch is in shop, so it is out.
  assert.deepEqual(await ids('verb: get and user.username: dave or not objectRef.namespace: shop and verb: patch'), ['s06']);
});

test('and, or and not are keywords in any case, and terms side by side mean and', async () => {
  assert.deepEqual(await ids('verb: get OR verb: delete Or verb: patch'), [...(await ids('verb: get')), 's02', 's05'].sort());
  assert.deepEqual(await ids('verb: get AnD user.username: dave'), ['s06']);
  assert.deepEqual(await ids('verb: get user.username: dave'), ['s06']);
  assert.deepEqual(await ids('NoT verb: update nOt verb: watch NOT verb: deletecollection not verb: get NOT verb: create'), [
    's02',
    's05',
    's07',
  ]);
});

test('parentheses group', async () => {
  assert.deepEqual(await ids('(verb: delete or verb: get) and user.username: dave'), ['s06']);
  assert.deepEqual(await ids('not (verb: update or verb: watch or verb: deletecollection or verb: get or verb: create)'), [
    's02',
    's05',
    's07',
  ]);
  assert.deepEqual(await ids('((verb: patch))'), ['s05']);
});

test('a bare term searches every value of the event, not its keys', async () => {
  assert.deepEqual(await ids('checkout'), ['s08']);
  assert.deepEqual(await ids('db-password'), ['s06']);
  assert.deepEqual(await ids('requestObject'), []);
  assert.deepEqual(await ids('replicas'), []);
  // Numbers are values too.
  assert.deepEqual(await ids('403'), ['s02']);
  assert.deepEqual(await ids('"to Group"'), ['s01']);
  assert.deepEqual(await ids('FRONTEND and verb: create'), ['s08']);
});

test('numeric comparisons on responseStatus.code', async () => {
  assert.deepEqual(await ids('responseStatus.code > 403'), ['s06', 's07']);
  assert.deepEqual(await ids('responseStatus.code >= 403'), ['s02', 's06', 's07']);
  assert.deepEqual(await ids('responseStatus.code < 200'), ['s04']);
  assert.deepEqual(await ids('responseStatus.code <= 101'), ['s04']);
  assert.deepEqual(await ids('responseStatus.code = 404'), ['s06']);
  assert.deepEqual(await ids('responseStatus.code=201'), ['s03', 's08']);
});

test('ranges on responseStatus.code: `[` and `]` include the end, `(` and `)` leave it out', async () => {
  assert.deepEqual(await ids('responseStatus.code in [403 500]'), ['s02', 's06', 's07']);
  assert.deepEqual(await ids('responseStatus.code in (403 500)'), ['s06']);
  assert.deepEqual(await ids('responseStatus.code in [403 500)'), ['s02', 's06']);
  assert.deepEqual(await ids('responseStatus.code in (101 201] and not verb: watch and not verb: update and not verb: deletecollection'), [
    's01',
    's03',
    's05',
    's08',
    'st1',
  ]);
});

test('numeric comparisons read jsonb-only fields as numbers', async () => {
  assert.deepEqual(await ids('requestObject.spec.replicas >= 3'), ['s08']);
  assert.deepEqual(await ids('requestObject.spec.replicas in [0 2]'), []);
  // A field that is not a number is not greater than anything.
  assert.deepEqual(await ids('verb > 0'), []);
});

test('`field: *` is presence, and `not field: *` absence', async () => {
  assert.deepEqual(await ids('objectRef.subresource: *'), ['s04']);
  assert.deepEqual(await ids('impersonatedUser.username: *'), ['s05']);
  assert.deepEqual(await ids('requestObject: *'), ['s08']);
  assert.deepEqual(await ids('not objectRef.namespace: *'), ['s07']);
  assert.deepEqual(await ids('not impersonatedUser.username: *'), except('s05'));
});

test('`not field: value` keeps events without the field', async () => {
  assert.deepEqual(await ids('not objectRef.subresource: exec'), except('s04'));
  assert.deepEqual(await ids('not requestObject.spec.replicas > 1'), except('s08'));
});

test('`*` alone and an empty search match everything in scope', async () => {
  const all = [...ALL_PROD, 'st1'].sort();
  assert.deepEqual(await ids('*'), all);
  assert.deepEqual(await ids(''), all);
  assert.equal((await search('*')).total, all.length);
});

test('`_` and `%` in a search value are literal characters, not LIKE wildcards', async () => {
  assert.deepEqual(await ids('objectRef.name: svc_deploy'), ['s09']);
  assert.deepEqual(await ids('objectRef.name: cpu%80'), ['s11']);
  assert.deepEqual(await ids('objectRef.name: svc_*'), ['s09']);
  assert.deepEqual(await ids('objectRef.name: %'), []);
  assert.deepEqual(await ids('objectRef.name: "cpu%80"'), ['s11']);
});

test('a backslash in a search value is a literal character', async () => {
  assert.deepEqual(await ids('objectRef.name: back\\slash'), ['s13']);
  assert.deepEqual(await ids('objectRef.name: backslash'), ['s14']);
  assert.deepEqual(await ids('back\\slash'), ['s13']);
  assert.deepEqual(await ids('objectRef.name: back\\*'), ['s13']);
});

test('regular expression characters in a search value are literal', async () => {
  assert.deepEqual(await ids('objectRef.name: cpu.80'), []);
  assert.deepEqual(await ids('objectRef.name: cpu-8.'), []);
  assert.deepEqual(await ids('objectRef.name: cpu-80'), ['s12']);
  assert.deepEqual(await ids('objectRef.name: "cpu|80"'), []);
  assert.deepEqual(await ids('objectRef.name: c+u-80'), []);
});

test('injection attempts in the search find nothing, change nothing, or are refused as a QueryError', async () => {
  const before = await eventCount();
  for (const q of [
    `user.username: "'; DROP TABLE audit_events; --"`,
    `"'); DELETE FROM audit_events; --"`,
    `verb: "get' OR '1'='1"`,
    `objectRef.name: $1`,
    `objectRef.name: "\\'; select pg_sleep(5); --"`,
  ])
    assert.deepEqual(await ids(q), [], q);
  for (const q of [`verb: get' OR '1'='1`, `* | select 1; drop table audit_events`, `* | select count(1) from audit_events`])
    await assert.rejects(search(q), QueryError, q);
  assert.equal(await eventCount(), before);
  assert.equal((await search('*')).total, ALL_PROD.length + 1);
});

test('the time range includes `from` and leaves out `to`', async () => {
  const window = { from: new Date(BASE + 600 * MIN), to: new Date(BASE + 660 * MIN) };
  assert.deepEqual(await ids('*', window), ['t-from', 't-last', 't-mid']);
  assert.deepEqual(await ids('*', { from: new Date(BASE + 600 * MIN + 1), to: new Date(BASE + 661 * MIN) }), ['t-last', 't-mid', 't-to']);
  assert.deepEqual(await ids('verb: get', window), []);
});

test('an empty time range is refused', async () => {
  const now = new Date(BASE);
  await assert.rejects(runQuery(f.deps, { project: f.project, from: now, to: now, query: '*' }), (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'BAD_REQUEST');
    return true;
  });
});

test('a cluster, by name or id, limits the search to it', async () => {
  assert.deepEqual(await ids('verb: get', { cluster: 'staging' }), ['st1']);
  assert.deepEqual(await ids('verb: get', { cluster: f.otherCluster }), ['st1']);
  assert.deepEqual(await ids('verb: get', { cluster: 'prod' }), ['s01', 's06']);
  assert.deepEqual(await ids('*', { cluster: f.cluster }), ALL_PROD);
});

test('pages are newest first, with the total of all pages', async () => {
  const first = await search('verb: watch', { limit: 2 });
  const second = await search('verb: watch', { limit: 2, offset: 2 });
  const last = await search('verb: watch', { limit: 2, offset: 4 });
  const past = await search('verb: watch', { limit: 2, offset: 10 });
  const page = (a: { events: unknown[] }) => a.events.map((x) => (x as { auditID: string }).auditID);
  assert.deepEqual([page(first), page(second), page(last), page(past)], [['w5', 'w4'], ['w3', 'w2'], ['w1'], []]);
  for (const a of [first, second, last, past]) assert.equal(a.total, 5);
});

test('events come back whole, as stored', async () => {
  const [event] = (await search('objectRef.subresource: exec')).events as Record<string, unknown>[];
  assert.deepEqual(event, JSON.parse(JSON.stringify(PROD.find((x) => x.auditID === 's04'))));
});

test('bad page sizes are refused', async () => {
  await assert.rejects(search('*', { limit: 0 }), /limit must be a whole number/);
  await assert.rejects(search('*', { limit: 10_001 }), /limit must be a whole number/);
  await assert.rejects(search('*', { offset: -1 }), /offset must be a whole number/);
});

test("another project's events never appear, however the search is written", async () => {
  assert.deepEqual(await ids('mallory'), []);
  assert.deepEqual(await ids('user.username: mallory or objectRef.name: db-password'), ['s06']);
  assert.deepEqual(await ids('user.groups: ops'), ['s02']);
  assert.equal((await search('*')).total, ALL_PROD.length + 1);
  // And the other project sees only its own.
  const theirs = await runQuery(f.deps, { project: f.otherProject, ...range, query: 'db-password' });
  assert.ok(theirs.kind === 'search');
  assert.deepEqual(
    theirs.events.map((x) => (x as { auditID: string }).auditID),
    ['x1'],
  );
});

test("asking for another project's cluster, by id or by name, is NOT_FOUND", async () => {
  for (const cluster of [f.foreignCluster, 'theirs', 'no-such-cluster']) {
    await assert.rejects(search('*', { cluster }), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'NOT_FOUND');
      assert.match(err.message, new RegExp(`no cluster "${cluster}"`));
      return true;
    });
  }
});

test('a syntax error is a QueryError with its position, before any database work', async () => {
  await assert.rejects(search('verb: get)'), (err: unknown) => {
    assert.ok(err instanceof QueryError);
    assert.equal(err.code, 'BAD_REQUEST');
    assert.deepEqual(err.position, { offset: 9, line: 1, column: 10 });
    return true;
  });
  // The query is checked before the project: a bad query to an unknown project is still a syntax error.
  await assert.rejects(runQuery(f.deps, { project: 'nope', ...range, query: '(' }), QueryError);
});
