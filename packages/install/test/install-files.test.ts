import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@kubetrail/contracts/core';
import { installFiles, TOKEN_PLACEHOLDER } from '../src/index';
import { CLUSTER_TYPES, TOKEN, target } from './helpers';

describe('installFiles', () => {
  test('returns the five files in a fixed order, each with a title, purpose and content', () => {
    const files = installFiles(target());
    assert.deepEqual(
      files.map((f) => [f.id, f.filename, f.language]),
      [
        ['daemonset', 'kubetrail-agent.yaml', 'yaml'],
        ['audit-policy', 'audit-policy.yml', 'yaml'],
        ['apiserver-flags', 'kube-apiserver-flags.txt', 'shell'],
        ['webhook-kubeconfig', 'kubetrail-webhook.kubeconfig', 'yaml'],
        ['docker-compose', 'docker-compose.kubetrail-agent.yml', 'yaml'],
      ],
    );
    for (const f of files) {
      assert.ok(f.title.length > 0 && f.purpose.length > 0, f.id);
      assert.ok(f.content.endsWith('\n') && !f.content.endsWith('\n\n'), `${f.id} ends with one newline`);
    }
  });

  test('every cluster type gets the same files; only what they say about the type differs', () => {
    const [first, ...others] = CLUSTER_TYPES.map((clusterType) => installFiles(target({ clusterType })));
    for (const files of others) {
      assert.deepEqual(
        files.map((f) => f.content),
        first!.map((f) => f.content),
      );
    }
    const purpose = (clusterType: (typeof CLUSTER_TYPES)[number]) => installFiles(target({ clusterType }))[0]!.purpose;
    assert.match(purpose('managed'), /provider runs the control plane/);
    assert.doesNotMatch(purpose('dedicated'), /provider/);
  });

  test('the token is in the files that carry it, and the placeholder only without one', () => {
    const withToken = installFiles(target());
    const carriers = withToken.filter((f) => f.content.includes(TOKEN)).map((f) => f.id);
    assert.deepEqual(carriers, ['daemonset', 'webhook-kubeconfig', 'docker-compose']);
    for (const f of withToken) assert.ok(!f.content.includes(TOKEN_PLACEHOLDER), f.id);
    const without = installFiles(target({ token: null }));
    assert.deepEqual(
      without.filter((f) => f.content.includes(TOKEN_PLACEHOLDER)).map((f) => f.id),
      carriers,
    );
  });

  test('the placeholder is clearly not a token', () => {
    assert.match(TOKEN_PLACEHOLDER, /REPLACE/);
    assert.doesNotMatch(TOKEN_PLACEHOLDER, /^kt_/);
  });

  test('refuses a target that cannot make working files', () => {
    const bad = [
      { clusterId: 'C_1' },
      { clusterId: '../../etc' },
      { clusterId: '' },
      { clusterId: 'c-'.padEnd(64, 'a') },
      { serverUrl: 'kubetrail.example:4000' },
      { serverUrl: 'ftp://kubetrail.example' },
      { serverUrl: 'http://kubetrail.example/ a' },
      { serverUrl: 'http://' },
      { token: 'kt_a b' },
      { token: 'kt_a\nb' },
      { agentImage: '' },
      { agentImage: 'kubetrail/agent:0.1.0\n---' },
    ];
    for (const overrides of bad) {
      assert.throws(
        () => installFiles(target(overrides)),
        (err: unknown) => err instanceof AppError && err.code === 'BAD_REQUEST',
        JSON.stringify(overrides),
      );
    }
  });
});
