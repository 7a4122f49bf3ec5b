import type { ResourceTarget } from '../api-resources';
import { podObject } from '../objects';
import { podSecurityViolation } from '../responses';
import { at, type PlannedRequest } from './context';
import type { HumanSession } from './human-session';
import { bindAndStart } from './control-plane';

interface ExecCommand {
  argv: string[];
  interactive: boolean;
  weight: number;
}

const EXEC_COMMANDS: ExecCommand[] = [
  { argv: ['sh'], interactive: true, weight: 8 },
  { argv: ['bash'], interactive: true, weight: 6 },
  { argv: ['env'], interactive: false, weight: 3 },
  { argv: ['ps', 'aux'], interactive: false, weight: 2 },
  { argv: ['cat', '/etc/hosts'], interactive: false, weight: 1 },
  { argv: ['sh', '-c', 'curl -s localhost:8080/healthz'], interactive: false, weight: 2 },
  { argv: ['redis-cli', 'INFO', 'replication'], interactive: false, weight: 1 },
  { argv: ['psql', '-U', 'postgres'], interactive: true, weight: 1 },
  { argv: ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/token'], interactive: false, weight: 0.4 },
  { argv: ['sh', '-c', 'curl -s http://169.254.169.254/latest/meta-data/iam/'], interactive: false, weight: 0.3 },
];

/** kubectl encodes each argv element as its own `command=` parameter, keys in Go's sorted order. */
function execQuery(command: ExecCommand, container: string): string {
  const commands = command.argv.map((arg) => `command=${encodeURIComponent(arg)}`).join('&');
  const streams = command.interactive ? 'stdin=true&stdout=true&tty=true' : 'stderr=true&stdout=true';
  return `${commands}&container=${container}&${streams}`;
}

/** `kubectl exec`: the pod is read first, then the stream is upgraded (101). */
export function exec(session: HumanSession): PlannedRequest[] {
  const { rng } = session.ctx;
  const pod = session.pickPod(session.pickNamespace());
  const command = rng.weighted(EXEC_COMMANDS.map((c) => [c, c.weight] as const));
  const podTarget = { resource: 'pods' as const, namespace: pod.namespace, name: pod.name };
  const get = session.request('get', podTarget);
  if (!get.allowed) return [at(0, get.spec)];
  const durationMs = command.interactive ? rng.int(20, 2400) * 1000 : rng.latency(400, 8000);
  const target = { ...podTarget, subresource: 'exec' };
  return [
    at(0, get.spec),
    at(
      rng.latency(20, 150),
      session.request('create', target, { query: execQuery(command, pod.workload.name), durationMs, startedCode: 101 }).spec,
    ),
  ];
}

export function attach(session: HumanSession): PlannedRequest[] {
  const { rng } = session.ctx;
  const pod = session.pickPod(session.pickNamespace());
  const target = { resource: 'pods' as const, namespace: pod.namespace, name: pod.name, subresource: 'attach' };
  const query = `container=${pod.workload.name}&stdin=true&stdout=true&tty=true`;
  return [at(0, session.request('create', target, { query, durationMs: rng.int(10, 900) * 1000, startedCode: 101 }).spec)];
}

/** `kubectl port-forward`: held open while someone pokes at a database or admin UI. */
export function portForward(session: HumanSession): PlannedRequest[] {
  const { rng } = session.ctx;
  const pod = session.pickPod(session.pickNamespace());
  const podTarget = { resource: 'pods' as const, namespace: pod.namespace, name: pod.name };
  const get = session.request('get', podTarget);
  if (!get.allowed) return [at(0, get.spec)];
  const target = { ...podTarget, subresource: 'portforward' };
  return [
    at(0, get.spec),
    at(rng.latency(15, 100), session.request('create', target, { durationMs: rng.int(60, 3600) * 1000, startedCode: 101 }).spec),
  ];
}

/** `kubectl get secret … -o yaml` and listing secrets: only metadata is logged, never the data. */
export function readSecrets(session: HumanSession): PlannedRequest[] {
  const { rng, inventory } = session.ctx;
  const namespace = rng.chance(0.12) ? 'kube-system' : session.pickNamespace();
  if (rng.chance(0.3)) return [at(0, session.request('list', { resource: 'secrets', namespace }, { query: 'limit=500' }).spec)];
  const secrets = inventory.secrets.filter((s) => s.namespace === namespace);
  const name = secrets.length > 0 ? rng.pick(secrets).name : 'bootstrap-token-abcdef';
  return [at(0, session.request('get', { resource: 'secrets', namespace, name }).spec)];
}

/**
 * A pod that can reach the host: `kubectl debug node/…` or a hand-written
 * privileged pod with the root filesystem mounted. Pod Security admission
 * stops it in namespaces that enforce baseline or restricted.
 */
export function privilegedPod(session: HumanSession): PlannedRequest[] {
  const { rng, inventory } = session.ctx;
  const node = rng.pick(inventory.nodes);
  const nodeDebug = rng.chance(0.5);
  const namespace = nodeDebug ? 'default' : rng.chance(0.5) ? 'kube-system' : session.pickNamespace();
  const name = nodeDebug ? `node-debugger-${node.name}-${rng.suffix(5)}` : `debug-${rng.suffix(5)}`;
  const image = nodeDebug ? 'busybox:1.36' : rng.pick(['nicolaka/netshoot:v0.13', 'alpine:3.20', 'ubuntu:24.04']);
  const spec = podObject(
    namespace,
    name,
    nodeDebug ? 'debugger' : 'shell',
    { image, privileged: true, hostPath: '/', ...(nodeDebug ? { node: node.name } : {}) },
    { run: name },
  );
  const target: ResourceTarget = { resource: 'pods', namespace, name };
  const query = nodeDebug ? undefined : 'fieldManager=kubectl-run';
  const enforced = inventory.namespaceDef(namespace)?.podSecurity ?? 'privileged';
  const created = session.request('create', target, { ...(query ? { query } : {}), requestObject: spec });
  if (!created.allowed) return [at(0, created.spec)];
  if (enforced !== 'privileged') {
    created.spec.response = podSecurityViolation(
      target,
      enforced,
      'privileged (container "shell" must not set securityContext.privileged=true), host namespaces (hostNetwork=true, hostPID=true), hostPath volumes (volume "host-root")',
    );
    created.spec.extraAnnotations = { 'pod-security.kubernetes.io/enforce-policy': `${enforced}:latest` };
    return [at(0, created.spec)];
  }
  const pod = inventory.addStandalonePod(namespace, name, node.name);
  created.spec.extraAnnotations = { 'pod-security.kubernetes.io/enforce-policy': 'privileged:latest' };
  // kubectl debug pins the node itself; a hand-written pod goes through the scheduler.
  const plan = [at(0, created.spec), ...(nodeDebug ? [] : bindAndStart(session.ctx, pod, 0))];
  if (rng.chance(0.7)) {
    const shell = { ...target, subresource: nodeDebug ? 'attach' : 'exec' };
    const query = nodeDebug
      ? 'container=debugger&stdin=true&stdout=true&tty=true'
      : 'command=chroot&command=%2Fhost&container=shell&stdin=true&stdout=true&tty=true';
    plan.push(
      at(rng.int(2500, 9000), session.request('create', shell, { query, durationMs: rng.int(30, 1800) * 1000, startedCode: 101 }).spec),
    );
  }
  return plan;
}
