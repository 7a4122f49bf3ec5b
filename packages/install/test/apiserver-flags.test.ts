import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pod } from 'kubernetes-models/v1';
import { parse } from 'yaml';
import { fileOf } from './helpers';

const LOG_FILE_FLAGS = [
  '--audit-policy-file=/etc/kubernetes/audit-policy.yml',
  '--audit-log-path=/var/log/kubernetes/kubernetes.audit',
  '--audit-log-maxage=7',
  '--audit-log-maxbackup=10',
  '--audit-log-maxsize=100',
  '--audit-log-format=json',
];
const WEBHOOK_FLAGS = ['--audit-webhook-config-file=/etc/kubernetes/kubetrail-webhook.kubeconfig', '--audit-webhook-mode=batch'];

const lines = () => fileOf('apiserver-flags').content.split('\n');

interface PodSpec {
  containers: { name: string; volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[] }[];
  volumes: { name: string; hostPath: { path: string; type: string } }[];
}

/** The commented YAML fragment at the end, uncommented. */
function staticPodFragment(): { spec: PodSpec } {
  const all = lines();
  const start = all.findIndex((l) => l === '#   spec:');
  assert.ok(start > 0, 'the fragment starts with spec:');
  const fragment = all.slice(start).filter((l) => l.startsWith('#   '));
  return parse(fragment.map((l) => l.slice(4)).join('\n')) as { spec: PodSpec };
}

describe('kube-apiserver flags', () => {
  test('is a shell-highlighted text file', () => {
    const f = fileOf('apiserver-flags');
    assert.equal(f.filename, 'kube-apiserver-flags.txt');
    assert.equal(f.language, 'shell');
  });

  test('lists the six log file flags and the two webhook flags exactly, one per line, once each', () => {
    const all = lines();
    for (const flag of [...LOG_FILE_FLAGS, ...WEBHOOK_FLAGS]) {
      assert.equal(all.filter((l) => l === flag).length, 1, flag);
    }
    assert.deepEqual(
      all.filter((l) => l.startsWith('--')),
      [...LOG_FILE_FLAGS, ...WEBHOOK_FLAGS],
    );
  });

  test('every other line is a comment or blank', () => {
    for (const line of lines()) assert.match(line, /^(#.*|--\S+|)$/);
  });

  test('the static-pod fragment is a valid pod spec mounting the policy, the log directory and the kubeconfig', () => {
    const { spec } = staticPodFragment();
    new Pod({ metadata: { name: 'kube-apiserver' }, spec } as never).validate();
    const volumes = Object.fromEntries(spec.volumes.map((v) => [v.name, v.hostPath]));
    const mounts = spec.containers[0]!.volumeMounts;
    assert.equal(spec.containers[0]!.name, 'kube-apiserver');
    for (const path of ['/etc/kubernetes/audit-policy.yml', '/var/log/kubernetes', '/etc/kubernetes/kubetrail-webhook.kubeconfig']) {
      const mount = mounts.find((m) => m.mountPath === path);
      assert.ok(mount, `mounts ${path}`);
      assert.equal(volumes[mount.name]?.path, path, `${path} comes from the same host path`);
    }
    // The apiserver writes the log; it only reads the policy and the kubeconfig.
    assert.notEqual(mounts.find((m) => m.mountPath === '/var/log/kubernetes')?.readOnly, true);
    assert.equal(mounts.find((m) => m.mountPath === '/etc/kubernetes/audit-policy.yml')?.readOnly, true);
    assert.equal(volumes['audit-policy']?.type, 'File');
  });
});
