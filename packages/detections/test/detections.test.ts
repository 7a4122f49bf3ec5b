import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAnalyticsQuery, isAnalytics, parseQuery } from '@kubetrail/query';
import { templateFields } from '@kubetrail/alerts';
import { checkDetection, checkDetections, DETECTIONS, detectionById, resultColumns, type Detection } from '../src/index';

// The detections the platform promises (docs: built-in detections); others may be added, none of these removed.
const REQUIRED = [
  'exec-into-pod',
  'attach-to-pod',
  'port-forward-to-pod',
  'secret-read-by-human',
  'secrets-listed-cluster-wide',
  'anonymous-access-allowed',
  'failed-authentication-burst',
  'forbidden-burst',
  'cluster-admin-binding',
  'clusterrolebinding-to-group',
  'privileged-pod-created',
  'hostpath-volume-pod',
  'host-network-pod',
  'host-pid-pod',
  'pod-created-in-kube-system-by-human',
  'daemonset-created',
  'cronjob-created',
  'admission-webhook-changed',
  'service-account-token-requested-by-human',
  'node-proxy-access',
  'access-from-public-ip',
  'access-from-risky-ip',
  'scripted-client-by-human',
  'service-account-token-in-cli',
  'mass-delete',
  'audit-config-changed',
  'impersonation',
  'csr-approved',
  'ephemeral-container-added',
  'service-account-from-public-ip',
];

const scope = { clusterIds: ['c1'], from: new Date('2026-03-02T09:00:00Z'), to: new Date('2026-03-02T09:05:00Z') };

test('at least 30 detections, ids unique and kebab-case, the promised ones among them', () => {
  assert.ok(DETECTIONS.length >= 30, `${DETECTIONS.length} detections`);
  const ids = DETECTIONS.map((d) => d.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  assert.deepEqual(
    REQUIRED.filter((id) => !detectionById(id)),
    [],
  );
});

test('every detection passes its own checks', () => {
  assert.deepEqual(checkDetections(DETECTIONS), []);
});

test('every query parses and compiles to SQL over the events, with columns known before it runs', () => {
  for (const d of DETECTIONS) {
    const parsed = parseQuery(d.query);
    assert.ok(isAnalytics(parsed), `${d.id} has an SQL part`);
    const sql = buildAnalyticsQuery(parsed, scope);
    assert.ok(sql.text.startsWith('SELECT '), d.id);
    assert.deepEqual(
      sql.columns.map((c) => c.name),
      resultColumns(d.query),
      `${d.id}: the compiled columns are the ones read from the query`,
    );
  }
});

test("every template placeholder and group is a column the detection's query returns", () => {
  for (const d of DETECTIONS) {
    const columns = resultColumns(d.query);
    assert.ok(columns, `${d.id}: the columns are known`);
    assert.ok(templateFields(d.messageTemplate).length > 0, `${d.id}: the template names a column`);
    for (const field of templateFields(d.messageTemplate)) assert.ok(columns.includes(field), `${d.id}: {{ ${field} }}`);
    for (const group of d.groupBy ?? []) assert.ok(columns.includes(group), `${d.id}: group ${group}`);
  }
});

test('techniques look like ATT&CK ids, severities are known, windows are whole minutes', () => {
  for (const d of DETECTIONS) {
    assert.match(d.technique.id, /^T\d{4}(\.\d{3})?$/, d.id);
    assert.ok(d.technique.name.length > 3, d.id);
    assert.ok(['low', 'medium', 'high', 'critical'].includes(d.severity), d.id);
    assert.ok(Number.isInteger(d.windowMinutes) && d.windowMinutes >= 1 && d.windowMinutes <= 60, d.id);
    assert.ok(d.explanation.length >= 200, `${d.id}: the explanation says why and what to check`);
  }
});

test('thresholds live in the query: a detection that counts has a HAVING', () => {
  const thresholds = DETECTIONS.filter((d) => parseQuery(d.query).select?.having).map((d) => d.id);
  assert.deepEqual(thresholds.sort(), ['failed-authentication-burst', 'forbidden-burst', 'mass-delete']);
});

test('the checks name what is wrong', () => {
  const good = detectionById('exec-into-pod')!;
  const bad = (over: Partial<Detection>) => checkDetection({ ...good, ...over });
  assert.deepEqual(bad({}), []);
  assert.match(bad({ id: 'Exec_Into_Pod' }).join(), /not kebab-case/);
  assert.match(bad({ technique: { id: 'TA0002', name: 'Execution' } }).join(), /not like T1234/);
  assert.match(bad({ messageTemplate: '{{ user }} on {{ node }}' }).join(), /names node, which the query does not return/);
  assert.match(bad({ groupBy: ['cluster'] }).join(), /groupBy names cluster/);
  assert.match(bad({ query: '* | SELECT verb FROM events' }).join(), /does not parse: a query reads `log` only/);
  assert.match(bad({ windowMinutes: 0 }).join(), /windowMinutes 0/);
  assert.match(bad({ title: 'x'.repeat(101) }).join(), /title is longer/);
  assert.match(checkDetections([good, good]).join(), /exec-into-pod: the id is used twice/);
});

test('template fields are read with or without spaces', () => {
  assert.deepEqual(templateFields('{{user}} and {{ pod }} and {{  source_ip  }}, not { x }'), ['user', 'pod', 'source_ip']);
});
