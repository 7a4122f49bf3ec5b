import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setClusterPolicy } from '@kubetrail/core';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { makeEvent } from '../support/events';
import { startService, until, type Service } from '../support/processes';

let platform: TestPlatform;
let agent: Service | undefined;
const dir = mkdtempSync(join(tmpdir(), 'kt-e2e-policy-'));

before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  await agent?.kill('SIGKILL');
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const podCreate = (id: string, namespace = 'default') =>
  makeEvent({
    auditID: id,
    verb: 'create',
    level: 'RequestResponse',
    requestURI: `/api/v1/namespaces/${namespace}/pods`,
    objectRef: { resource: 'pods', namespace, name: id, apiVersion: 'v1' },
    requestObject: { kind: 'Pod', metadata: { name: id } },
    responseObject: { kind: 'Pod', metadata: { name: id, uid: `u-${id}` } },
  });
const secretGet = (id: string) =>
  makeEvent({
    auditID: id,
    verb: 'get',
    level: 'RequestResponse',
    requestURI: '/api/v1/namespaces/default/secrets/db',
    objectRef: { resource: 'secrets', namespace: 'default', name: 'db', apiVersion: 'v1' },
    responseObject: { kind: 'Secret', data: { password: 'aHVudGVyMg==' } },
  });
const lines = (...events: object[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');

async function storedIds(clusterId: string): Promise<string[]> {
  const { rows } = await platform.deps.pool.query<{ audit_id: string }>(
    'SELECT audit_id FROM audit_events WHERE cluster_id = $1 ORDER BY audit_id',
    [clusterId],
  );
  return rows.map((r) => r.audit_id);
}

const droppedAtIngest = async () => (await platform.ingest.metrics.eventsDroppedByPolicy.get()).values[0]?.value ?? 0;

test('a real agent applies the ACK preset before sending and follows a policy change within a minute, without a restart', async () => {
  const cluster = await platform.newCluster('managed', 'ack');
  mkdirSync(join(dir, 'log'));
  const logFile = join(dir, 'log', 'kubernetes.audit');
  writeFileSync(logFile, '');
  agent = startService('agent', 'apps/agent/src/main.ts', { KUBETRAIL_TOKEN: cluster.token }, [
    'tail',
    '--file',
    logFile,
    '--server',
    platform.ingestUrl,
    '--state-dir',
    join(dir, 'state'),
    '--batch-max-wait-ms',
    '100',
    '--poll-interval-ms',
    '50',
  ]);
  await agent.waitFor(/"config updated".*"policyVersion":1/);
  const kubeProxyWatch = makeEvent({
    auditID: 'a-proxy',
    verb: 'watch',
    user: { username: 'system:kube-proxy' },
    objectRef: { resource: 'endpoints', apiVersion: 'v1' },
  });
  appendFileSync(
    logFile,
    lines({ ...podCreate('a-pod'), stage: 'RequestReceived' }, podCreate('a-pod'), kubeProxyWatch, secretGet('b-secret')),
  );
  await until(async () => (await storedIds(cluster.id)).length === 2, 20_000, 'the kept events stored');
  assert.deepEqual(await storedIds(cluster.id), ['a-pod', 'b-secret']);
  const { rows } = await platform.deps.pool.query<{ event: Record<string, unknown> }>(
    "SELECT event FROM audit_events WHERE cluster_id = $1 AND audit_id = 'b-secret'",
    [cluster.id],
  );
  assert.equal('responseObject' in rows[0]!.event, false, 'the Secret data never left the node');
  assert.equal(await droppedAtIngest(), 0, 'the agent dropped them: the ingest had nothing left to drop');

  const changedAt = Date.now();
  await setClusterPolicy(
    platform.deps,
    cluster.id,
    `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: None
    namespaces: [team-b]
  - level: Metadata
`,
  );
  await agent.waitFor(/"config updated".*"policyVersion":2/, 60_000);
  const tookMs = Date.now() - changedAt;
  assert.ok(tookMs < 60_000, `the agent took the new policy after ${tookMs} ms`);
  appendFileSync(logFile, lines(podCreate('c-team-b', 'team-b'), podCreate('d-default')));
  await until(async () => (await storedIds(cluster.id)).includes('d-default'), 20_000, 'the event after the change stored');
  assert.deepEqual(await storedIds(cluster.id), ['a-pod', 'b-secret', 'd-default']);
  assert.equal(await droppedAtIngest(), 0, 'the agent applied version 2 itself');
  const level = await platform.deps.pool.query<{ level: string }>(
    "SELECT level FROM audit_events WHERE cluster_id = $1 AND audit_id = 'd-default'",
    [cluster.id],
  );
  assert.equal(level.rows[0]!.level, 'Metadata');
  assert.equal((await agent.kill('SIGTERM')) ?? 0, 0);
});
