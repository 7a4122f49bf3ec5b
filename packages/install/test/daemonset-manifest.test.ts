import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLUSTER_TYPES, DNS_LABEL, LABEL_VALUE, TOKEN, byKind, fileOf, manifestObjects } from './helpers';
import { TOKEN_PLACEHOLDER } from '../src/index';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}
interface Container {
  name: string;
  image: string;
  args: string[];
  env: EnvVar[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: Record<string, unknown>;
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface DaemonSetShape {
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        serviceAccountName: string;
        nodeSelector: Record<string, string>;
        tolerations: { key: string; operator: string; effect: string }[];
        terminationGracePeriodSeconds: number;
        containers: Container[];
        volumes: { name: string; hostPath: { path: string; type: string } }[];
      };
    };
  };
}
interface SecretShape {
  metadata: { name: string; namespace: string };
  type: string;
  stringData: Record<string, string>;
}

const manifest = (overrides = {}) => manifestObjects(fileOf('daemonset', overrides).content);

describe('daemonset manifest', () => {
  for (const clusterType of CLUSTER_TYPES) {
    test(`is valid Kubernetes for a ${clusterType} cluster`, () => {
      const objects = manifest({ clusterType });
      assert.deepEqual(
        objects.map((o) => o.kind),
        ['Namespace', 'Secret', 'ServiceAccount', 'DaemonSet'],
      );
      for (const obj of objects) {
        assert.match(obj.metadata.name, DNS_LABEL, `${obj.kind} name`);
        if (obj.kind !== 'Namespace') assert.equal(obj.metadata.namespace, 'kubetrail');
        for (const [key, value] of Object.entries(obj.metadata.labels ?? {})) assert.match(value, LABEL_VALUE, `label ${key}`);
      }
    });
  }

  test('the file is named and typed for the console', () => {
    const f = fileOf('daemonset');
    assert.equal(f.filename, 'kubetrail-agent.yaml');
    assert.equal(f.language, 'yaml');
  });

  test('the token and server land in the Secret, which the container reads them from', () => {
    const objects = manifest({ serverUrl: 'https://kubetrail.example/' });
    const secret = byKind<SecretShape>(objects, 'Secret');
    assert.equal(secret.type, 'Opaque');
    assert.deepEqual(secret.stringData, { token: TOKEN, server: 'https://kubetrail.example' });
    const [container] = byKind<DaemonSetShape>(objects, 'DaemonSet').spec.template.spec.containers;
    const env = Object.fromEntries(container!.env.map((e) => [e.name, e]));
    for (const [name, key] of [
      ['KUBETRAIL_SERVER', 'server'],
      ['KUBETRAIL_TOKEN', 'token'],
    ] as const) {
      assert.deepEqual(env[name]?.valueFrom, { secretKeyRef: { name: secret.metadata.name, key } }, name);
    }
    assert.equal(env.KUBETRAIL_STATE_DIR?.value, '/var/lib/kubetrail-agent');
    assert.ok(!container!.args.includes('--token'), 'the token is not on the command line');
  });

  test('without a token the Secret holds the placeholder, and the file says so', () => {
    for (const token of [null, '']) {
      const f = fileOf('daemonset', { token });
      assert.equal(byKind<SecretShape>(manifestObjects(f.content), 'Secret').stringData.token, TOKEN_PLACEHOLDER);
      assert.match(f.content, /^# Before applying, replace <REPLACE_WITH_CLUSTER_TOKEN> in the Secret/m);
    }
    assert.ok(!fileOf('daemonset').content.includes(TOKEN_PLACEHOLDER));
  });

  test('runs the agent in tail mode on the audit log, on control-plane nodes only', () => {
    const ds = byKind<DaemonSetShape>(manifest(), 'DaemonSet');
    const pod = ds.spec.template.spec;
    const [container] = pod.containers;
    assert.equal(pod.containers.length, 1);
    assert.equal(container!.image, 'kubetrail/agent:0.1.0');
    assert.deepEqual(container!.args.slice(0, 3), ['tail', '--file', '/var/log/kubernetes/kubernetes.audit']);
    assert.deepEqual(pod.nodeSelector, { 'node-role.kubernetes.io/control-plane': '' });
    assert.deepEqual(
      pod.tolerations.map((t) => [t.key, t.operator, t.effect]),
      [
        ['node-role.kubernetes.io/control-plane', 'Exists', 'NoSchedule'],
        ['node-role.kubernetes.io/master', 'Exists', 'NoSchedule'],
      ],
    );
    assert.equal(pod.serviceAccountName, byKind<{ metadata: { name: string } }>(manifest(), 'ServiceAccount').metadata.name);
  });

  test('mounts the log directory read-only and a per-cluster state directory', () => {
    const pod = byKind<DaemonSetShape>(manifest({ clusterId: 'c-zzzz' }), 'DaemonSet').spec.template.spec;
    const volumes = Object.fromEntries(pod.volumes.map((v) => [v.name, v.hostPath]));
    const mounts = Object.fromEntries(pod.containers[0]!.volumeMounts.map((m) => [m.mountPath, m]));
    const log = mounts['/var/log/kubernetes'];
    assert.equal(log?.readOnly, true);
    assert.deepEqual(volumes[log!.name], { path: '/var/log/kubernetes', type: 'Directory' });
    const state = mounts['/var/lib/kubetrail-agent'];
    assert.ok(state && !state.readOnly);
    assert.deepEqual(volumes[state.name], { path: '/var/lib/kubetrail-agent/c-zzzz', type: 'DirectoryOrCreate' });
    const file = pod.containers[0]!.args[pod.containers[0]!.args.indexOf('--file') + 1]!;
    assert.ok(file.startsWith(`${log!.mountPath}/`), 'the followed file is inside the log mount');
  });

  test('has resource requests and limits, a hardened security context, and time to flush', () => {
    const f = fileOf('daemonset');
    const pod = byKind<DaemonSetShape>(manifestObjects(f.content), 'DaemonSet').spec.template.spec;
    const { resources, securityContext, args } = pod.containers[0]!;
    for (const kind of ['requests', 'limits'] as const) assert.deepEqual(Object.keys(resources[kind]).sort(), ['cpu', 'memory']);
    assert.equal(securityContext.runAsUser, 0);
    assert.equal(securityContext.readOnlyRootFilesystem, true);
    assert.equal(securityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(securityContext.capabilities, { drop: ['ALL'] });
    // The comment above securityContext says why the agent runs as root.
    assert.match(f.content, /# kube-apiserver writes the audit log as root with mode 0600[^\n]*\n(\s*#[^\n]*\n)*\s*securityContext:/);
    const drainSeconds = Number(args[args.indexOf('--drain-timeout-ms') + 1]) / 1000;
    assert.ok(pod.terminationGracePeriodSeconds > drainSeconds, 'the grace period outlasts the drain');
  });

  test('labels the objects with the agent and the cluster; the selector matches the pods', () => {
    const objects = manifest({ clusterId: 'c-q7' });
    for (const obj of objects) {
      assert.equal(obj.metadata.labels?.['app.kubernetes.io/name'], 'kubetrail-agent', obj.kind);
      assert.equal(obj.metadata.labels?.['kubetrail.io/cluster'], 'c-q7', obj.kind);
    }
    const ds = byKind<DaemonSetShape>(objects, 'DaemonSet');
    for (const [key, value] of Object.entries(ds.spec.selector.matchLabels)) {
      assert.equal(ds.spec.template.metadata.labels[key], value, key);
    }
    assert.equal(ds.spec.selector.matchLabels['kubetrail.io/cluster'], 'c-q7');
  });

  test('passes the image through as given', () => {
    const objects = manifest({ agentImage: 'ghcr.io/kubetrail/agent@sha256:0123abcd' });
    assert.equal(
      byKind<DaemonSetShape>(objects, 'DaemonSet').spec.template.spec.containers[0]!.image,
      'ghcr.io/kubetrail/agent@sha256:0123abcd',
    );
  });
});
