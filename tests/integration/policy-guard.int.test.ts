import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentConfigSchema } from '@kubetrail/contracts';
import { createCluster, getClusterPolicy, setClusterPolicy, setClusterPolicyPreset } from '@kubetrail/core';
import { decodeCompiledPolicy, parsePolicy, PRESETS } from '@kubetrail/policy';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { eventList, makeEvent, post } from '../support/events';

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  await platform?.stop();
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
const proxyWatch = (id: string) =>
  makeEvent({
    auditID: id,
    verb: 'watch',
    user: { username: 'system:kube-proxy', groups: ['system:authenticated'] },
    objectRef: { resource: 'endpoints', apiVersion: 'v1' },
  });
const podCreate = (id: string) =>
  makeEvent({
    auditID: id,
    verb: 'create',
    level: 'RequestResponse',
    objectRef: { resource: 'pods', namespace: 'default', name: 'web', apiVersion: 'v1' },
    requestObject: { kind: 'Pod', metadata: { name: 'web' } },
    responseObject: { kind: 'Pod', metadata: { name: 'web', uid: 'u-1' } },
  });

async function stored(clusterId: string) {
  const { rows } = await platform.deps.pool.query<{ audit_id: string; stage: string; level: string; event: Record<string, unknown> }>(
    'SELECT audit_id, stage, level, event FROM audit_events WHERE cluster_id = $1 ORDER BY audit_id, stage',
    [clusterId],
  );
  return rows;
}

describe('a new cluster starts with the ACK preset', () => {
  test('its policy is the ACK preset and its agents receive it compiled', async () => {
    const c = await createCluster(platform.deps, { project: platform.projectId, name: 'defaults' });
    assert.equal((await getClusterPolicy(platform.deps, c.id))?.source, PRESETS.ack);
    const res = await fetch(`${platform.ingestUrl}/trpc/agent.config`, { headers: { authorization: `Bearer ${c.token}` } });
    assert.equal(res.status, 200);
    const config = AgentConfigSchema.parse(((await res.json()) as { result: { data: unknown } }).result.data);
    assert.deepEqual(decodeCompiledPolicy(config.policy?.compiled), parsePolicy(PRESETS.ack));
  });

  test('the TKE preset or none can be chosen instead', async () => {
    const tke = await createCluster(platform.deps, { project: platform.projectId, name: 'tke', policyPreset: 'tke' });
    assert.equal((await getClusterPolicy(platform.deps, tke.id))?.source, PRESETS.tke);
    const none = await createCluster(platform.deps, { project: platform.projectId, name: 'raw', policyPreset: 'none' });
    assert.equal(await getClusterPolicy(platform.deps, none.id), null);
  });
});

describe('the ingest applies the policy again before storing', () => {
  test('under ACK: RequestReceived and kube-proxy watches are dropped, Secret bodies trimmed, the rest stored as sent', async () => {
    const c = await platform.newCluster('managed', 'ack');
    const pod = podCreate('a-pod');
    const body = eventList([{ ...pod, stage: 'RequestReceived' }, pod, proxyWatch('b-proxy'), secretGet('c-secret')]);
    const res = await post(`${platform.ingestUrl}/v1/webhook`, body, { token: c.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.accepted, 4);
    assert.equal(res.json.droppedByPolicy, 2);
    await platform.waitForEvents(c.id, 2);
    const rows = await stored(c.id);
    assert.deepEqual(
      rows.map((r) => [r.audit_id, r.stage, r.level]),
      [
        ['a-pod', 'ResponseComplete', 'RequestResponse'],
        ['c-secret', 'ResponseComplete', 'Metadata'],
      ],
    );
    assert.deepEqual(rows[0]!.event, pod, 'a kept event is stored whole');
    assert.equal('responseObject' in rows[1]!.event, false, 'no Secret data is stored');
    assert.equal(rows[1]!.event.level, 'Metadata');
  });

  test('a changed policy takes effect at the ingest within the auth cache time', async () => {
    const c = await platform.newCluster('managed', 'ack');
    const first = await post(`${platform.ingestUrl}/v1/webhook`, eventList([podCreate('v1-pod')]), { token: c.token });
    assert.equal(first.json.droppedByPolicy, 0);
    const onlySecrets = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
  - level: Metadata
    resources: [{ group: "", resources: [secrets] }]
`;
    const set = await setClusterPolicy(platform.deps, c.id, onlySecrets);
    assert.equal(set.version, 2);
    await new Promise((r) => setTimeout(r, 300)); // the test platform caches identities for 200 ms
    const second = await post(`${platform.ingestUrl}/v1/webhook`, eventList([podCreate('v2-pod'), secretGet('v2-secret')]), {
      token: c.token,
    });
    assert.equal(second.json.droppedByPolicy, 1);
    await platform.waitForEvents(c.id, 2);
    assert.deepEqual(
      (await stored(c.id)).map((r) => r.audit_id),
      ['v1-pod', 'v2-secret'],
    );
    await setClusterPolicyPreset(platform.deps, c.id, 'tke');
    assert.equal((await getClusterPolicy(platform.deps, c.id))?.source, PRESETS.tke);
    await assert.rejects(setClusterPolicyPreset(platform.deps, c.id, 'gke'), /unknown policy preset "gke"/);
  });

  test('a cluster without a policy stores every event, RequestReceived included', async () => {
    const c = await platform.newCluster('managed', 'none');
    const pod = podCreate('n-pod');
    const res = await post(`${platform.ingestUrl}/v1/webhook`, eventList([{ ...pod, stage: 'RequestReceived' }, pod]), { token: c.token });
    assert.equal(res.json.droppedByPolicy, 0);
    await platform.waitForEvents(c.id, 2);
    assert.equal((await stored(c.id)).length, 2);
  });
});
