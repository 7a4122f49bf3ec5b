import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import type { AgentConfig } from '@kubetrail/contracts';
import { parsePolicy } from '@kubetrail/policy';
import { TailAgent } from '../src/tail/tail-agent';
import { useFakeIngest } from './helpers/fake-ingest';
import { captureLog, LumberjackWriter, makeEvent, tempDir, waitFor } from './helpers/fixtures';

const fake = useFakeIngest();
const temp = tempDir();
after(() => temp.cleanup());
let agent: TailAgent | undefined;
afterEach(async () => {
  await agent?.stop(0).catch(() => {});
  agent = undefined;
});

const policyConfig = (version: number, source: string): AgentConfig['policy'] => ({ source, version, compiled: parsePolicy(source) });

// Secrets at Metadata, nothing from the node, everything else with its bodies; RequestReceived never.
const V1 = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: None
    users: ["system:node:n1"]
  - level: Metadata
    resources: [{ group: "", resources: [secrets] }]
  - level: RequestResponse
`;
// Version 2 also drops reads of configmaps.
const V2 = V1.replace('rules:\n', 'rules:\n  - level: None\n    verbs: [get]\n    resources: [{ group: "", resources: [configmaps] }]\n');

const line = (id: number, overrides: Parameters<typeof makeEvent>[1]) => `${JSON.stringify(makeEvent(id, overrides))}\n`;
const secretRead = (id: number) =>
  line(id, {
    level: 'RequestResponse',
    objectRef: { resource: 'secrets', namespace: 'default', name: 's', apiVersion: 'v1' },
    responseObject: { kind: 'Secret', data: { password: 'aHVudGVyMg==' } },
  });
const configmapRead = (id: number) =>
  line(id, { level: 'RequestResponse', objectRef: { resource: 'configmaps', namespace: 'default', name: 'c', apiVersion: 'v1' } });

describe("tail agent applies the cluster's audit policy", () => {
  test('drops and trims before sending, and follows a new policy version without a restart', async () => {
    const root = join(temp.dir, 'policy');
    mkdirSync(join(root, 'log'), { recursive: true });
    const file = join(root, 'log', 'kubernetes.audit');
    fake.config = { ...fake.config, policy: policyConfig(1, V1), configPollSeconds: 1 };
    const writer = new LumberjackWriter(file);
    agent = await TailAgent.start({
      file,
      stateDir: join(root, 'state'),
      server: fake.url,
      token: fake.token,
      kubernetesVersion: 'v1.31.2',
      batchMaxEvents: 1000,
      batchMaxBytes: 4 * 1024 * 1024,
      batchMaxWaitMs: 30,
      pollIntervalMs: 10,
      spoolMaxBytes: 1024 ** 3,
      drainTimeoutMs: 2000,
      logLevel: 'debug',
      log: captureLog().log,
      backoff: { initialMs: 10, maxMs: 50, maxRetryAfterMs: 2000 },
    });
    await waitFor(() => agent!.core.poller.config.policy?.version === 1, 10_000, 'policy v1 fetched');
    writer.write(
      line(1, { stage: 'RequestReceived' }) + line(2, { user: { username: 'system:node:n1' } }) + secretRead(3) + configmapRead(4),
    );
    await waitFor(() => fake.storedAuditIds().length === 2, 10_000, 'the kept events stored');
    const [secret, configmap] = [...fake.stored.values()].flatMap((p) => p.events);
    assert.deepEqual([secret!.auditID, configmap!.auditID], ['ev-3', 'ev-4']);
    assert.equal(secret!.level, 'Metadata');
    assert.equal('responseObject' in secret!, false, 'the Secret body never leaves the node');
    assert.equal(configmap!.level, 'RequestResponse');

    fake.config = { ...fake.config, policy: policyConfig(2, V2) };
    await waitFor(() => agent!.core.poller.config.policy?.version === 2, 10_000, 'policy v2 fetched');
    writer.write(configmapRead(5) + secretRead(6));
    await waitFor(() => fake.storedAuditIds().includes('ev-6'), 10_000, 'event 6 stored');
    assert.deepEqual(fake.storedAuditIds(), ['ev-3', 'ev-4', 'ev-6'], 'the configmap read is dropped under v2');
  });
});
