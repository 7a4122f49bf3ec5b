import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateEvents, PROFILE_NAMES } from '@kubetrail/demo-fleet';
import { DETECTIONS, IS_ANONYMOUS, IS_HUMAN, IS_SERVICE_ACCOUNT, type Detection } from '@kubetrail/detections';
import { parseQuery } from '@kubetrail/query';
import { createCluster, runQuery } from '../../src/index';
import { queryFixture, type QueryFixture } from '../query/query-fixture';

// One simulated UTC day of the demo fleet: a cluster of each profile
// (managed, dedicated, registered), 30,000 events each, with the fleet's
// day/night rhythm. That is about 0.35 events/s per cluster, far below the
// fleet's default of 20/s; the people in it do what they do at any rate,
// so detections of single actions see the same day, while rate-dependent
// thresholds (401s per address) see fewer events than a busy cluster would.
const DAY = { from: new Date('2026-11-20T00:00:00Z'), to: new Date('2026-11-21T00:00:00Z') };
const EVENTS_PER_CLUSTER = 30_000;
const BATCH = 2_000;

/** What the demo fleet does on purpose, so these fire on its ordinary day; every other detection stays quiet. */
const EXPECTED: Record<string, string> = {
  'exec-into-pod': 'people exec into pods to debug (and into their privileged debug pods)',
  'attach-to-pod': 'people attach to pods, and to the node debugger pods `kubectl debug node/…` creates',
  'port-forward-to-pod': 'people port-forward to pods to reach databases and admin UIs',
  'secret-read-by-human': 'people read secrets with `kubectl get secret`',
  'privileged-pod-created': 'admins start privileged node debugger and shell pods where Pod Security allows them',
  'hostpath-volume-pod': 'the same debug pods mount the node’s root filesystem',
  'host-network-pod': 'the same debug pods run on the host network',
  'host-pid-pod': 'the same debug pods share the host’s PID namespace',
  'pod-created-in-kube-system-by-human': 'some of the debug pods are started in kube-system',
  'mass-delete': 'people clear out a namespace’s pods, one by one or with a deletecollection',
  'cluster-admin-binding': 'admins grant cluster-admin to colleagues and to default:default',
  impersonation: 'admins check a colleague’s view with `kubectl --as`',
  'access-from-public-ip': 'several people work from home addresses without the VPN',
  'access-from-risky-ip':
    'kubernetes-admin sometimes connects from 203.0.113.45 and scanners read /version from 198.51.100.203 and 192.0.2.44, documentation ranges the bundled bogon list flags',
  'service-account-from-public-ip': 'the managed cluster’s CI deployer (ci/github-deployer) uses its token from GitHub runners',
  'service-account-token-in-cli': 'that CI deployer runs kubectl with its service account token',
};

let f: QueryFixture;
const fired = new Map<string, { rows: number; sample: Record<string, unknown> }>();

/** The detection's rows over [from, to) across the project's clusters. */
async function rowsOf(d: Detection, from: Date, to: Date) {
  const answer = await runQuery(f.deps, { project: f.project, from, to, query: d.query });
  assert.equal(answer.kind, 'analytics');
  if (answer.kind !== 'analytics') return [];
  return answer.rows.map((r) => Object.fromEntries(answer.columns.map((c, i) => [c, r[i]])));
}

/**
 * Whether the detection fires on some window of the day. Tiled windows of
 * the detection's length, as an alert rule checks them; without a HAVING a
 * row in any window is a row over the whole day, so those run once.
 */
async function firing(d: Detection) {
  const step = parseQuery(d.query).select?.having ? d.windowMinutes * 60_000 : DAY.to.getTime() - DAY.from.getTime();
  const rows: Record<string, unknown>[] = [];
  for (let t = DAY.from.getTime(); t < DAY.to.getTime(); t += step) rows.push(...(await rowsOf(d, new Date(t), new Date(t + step))));
  return rows;
}

before(async () => {
  f = await queryFixture();
  const edge = await createCluster(f.deps, { project: f.project, name: 'edge', policyPreset: 'none' });
  const clusters = [f.cluster, f.otherCluster, edge.id];
  for (const [i, profile] of PROFILE_NAMES.entries()) {
    const events = generateEvents({ profile, seed: 11 + i, count: EVENTS_PER_CLUSTER, start: DAY.from, end: DAY.to });
    for (let at = 0; at < events.length; at += BATCH) await f.store(clusters[i]!, events.slice(at, at + BATCH));
  }
  for (const d of DETECTIONS) {
    const rows = await firing(d);
    if (rows.length > 0) fired.set(d.id, { rows: rows.length, sample: rows[0]! });
  }
});
after(() => f?.close());

test('the expected list names only built-in detections', () => {
  const ids = new Set(DETECTIONS.map((d) => d.id));
  assert.deepEqual(
    Object.keys(EXPECTED).filter((id) => !ids.has(id)),
    [],
  );
});

for (const d of DETECTIONS) {
  const reason = EXPECTED[d.id];
  test(`${d.id} ${reason ? `fires on the benign day: ${reason}` : 'stays quiet on the benign day'}`, () => {
    const got = fired.get(d.id);
    if (reason) assert.ok(got, `${d.id} was expected to fire`);
    else assert.equal(got, undefined, `${d.id} fired ${got?.rows} row(s), e.g. ${JSON.stringify(got?.sample)}`);
  });
}

test('exactly the expected detections fire', () => {
  assert.deepEqual([...fired.keys()].sort(), Object.keys(EXPECTED).sort());
});

test("the detections' user conditions are enrich's user kinds", async () => {
  const perUser = async (condition: string) => {
    const rows = await rowsOf(
      { query: `* | SELECT "user.username" AS u, count(1) AS n FROM log WHERE ${condition} GROUP BY u` } as Detection,
      DAY.from,
      DAY.to,
    );
    return new Map(rows.map((r) => [r.u ?? null, Number(r.n)]));
  };
  const stored = async (kind: string) => {
    const { rows } = await f.deps.pool.query<{ u: string | null; n: string }>(
      // The same day the query reads: a request near midnight may complete after it.
      'SELECT username AS u, count(*) AS n FROM audit_events WHERE user_kind = $1 AND ts >= $2 AND ts < $3 GROUP BY 1',
      [kind, DAY.from, DAY.to],
    );
    return new Map(rows.map((r) => [r.u, Number(r.n)]));
  };
  for (const [condition, kind] of [
    [IS_HUMAN, 'human'],
    [IS_SERVICE_ACCOUNT, 'service-account'],
    [IS_ANONYMOUS, 'anonymous'],
  ] as const) {
    const expected = await stored(kind);
    assert.ok(expected.size > 0, `the day has ${kind} events`);
    assert.deepEqual(await perUser(condition), expected, kind);
  }
});
