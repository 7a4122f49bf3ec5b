import type { ResourceName, ResourceTarget } from '../api-resources';
import { resourceInfo } from '../api-resources';
import { notFound } from '../responses';
import { at, type PlannedRequest } from './context';
import type { HumanSession } from './human-session';

const BROWSED: [ResourceName, number][] = [
  ['pods', 10],
  ['deployments', 4],
  ['services', 3],
  ['events', 3],
  ['configmaps', 2],
  ['ingresses', 2],
  ['nodes', 2],
  ['statefulsets', 1],
  ['daemonsets', 1],
  ['jobs', 1],
  ['cronjobs', 1],
  ['persistentvolumeclaims', 1],
  ['namespaces', 1],
  ['replicasets', 1],
  ['endpointslices', 0.5],
  ['horizontalpodautoscalers', 0.5],
  ['roles', 0.3],
  ['rolebindings', 0.4],
  ['clusterroles', 0.3],
  ['clusterrolebindings', 0.4],
  ['customresourcedefinitions', 0.4],
  ['certificates', 0.6],
  ['applications', 0.5],
  ['servicemonitors', 0.3],
  ['kustomizations', 0.3],
];

/** kubectl's discovery before the first command of a session. */
export function discovery(session: HumanSession): PlannedRequest[] {
  const { rng } = session.ctx;
  return [at(0, session.discovery('/api?timeout=32s')), at(rng.latency(8, 60), session.discovery('/apis?timeout=32s'))];
}

function nameFor(session: HumanSession, resource: ResourceName, namespace: string): string {
  const { rng, inventory } = session.ctx;
  if (resource === 'nodes') return rng.pick(inventory.nodes).name;
  if (resource === 'namespaces') return namespace;
  if (resource === 'pods') return session.pickPod(namespace).name;
  if (resource === 'configmaps')
    return rng.pick(inventory.configmaps.filter((c) => c.namespace === namespace).concat({ namespace, name: 'kube-root-ca.crt' })).name;
  const workloads = inventory.workloads.filter((w) => w.namespace === namespace);
  return workloads.length > 0 ? rng.pick(workloads).name : `${namespace}-default`;
}

/** `kubectl get`, `kubectl describe`: lists, single objects, events of a pod. */
export function browse(session: HumanSession): PlannedRequest[] {
  const { rng } = session.ctx;
  const resource = rng.weighted(BROWSED);
  const namespace = session.pickNamespace();
  const namespaced = resourceInfo(resource).namespaced;
  if (rng.chance(0.62)) {
    const allNamespaces = namespaced && rng.chance(0.12);
    const target: ResourceTarget = { resource, ...(namespaced && !allNamespaces ? { namespace } : {}) };
    return [at(0, session.request('list', target, { query: 'limit=500' }).spec)];
  }
  const missing = rng.chance(0.05);
  const name = missing ? `${nameFor(session, resource, namespace)}-old` : nameFor(session, resource, namespace);
  const target: ResourceTarget = { resource, name, ...(namespaced ? { namespace } : {}) };
  const first = session.request('get', target);
  if (first.allowed && missing) first.spec.response = notFound(target);
  const plan = [at(0, first.spec)];
  if (first.allowed && !missing && resource === 'pods' && rng.chance(0.4)) {
    // describe: the object, then the events about it.
    const selector = encodeURIComponent(`involvedObject.name=${name},involvedObject.namespace=${namespace}`);
    plan.push(
      at(
        rng.latency(25, 200),
        session.request('list', { resource: 'events', namespace }, { query: `fieldSelector=${selector}&limit=500` }).spec,
      ),
    );
  }
  return plan;
}

/** `kubectl get pods -w`: a watch left open for a while. */
export function watchPods(session: HumanSession): PlannedRequest[] {
  const { rng, inventory } = session.ctx;
  const namespace = session.pickNamespace();
  const durationMs = rng.int(30, 1200) * 1000;
  const query = `resourceVersion=${inventory.currentResourceVersion()}&watch=true`;
  return [at(0, session.request('watch', { resource: 'pods', namespace }, { query, durationMs }).spec)];
}

/** `kubectl logs`, sometimes followed for minutes. */
export function logs(session: HumanSession): PlannedRequest[] {
  const { rng } = session.ctx;
  const pod = session.pickPod(session.pickNamespace());
  const follow = rng.chance(0.4);
  const query = follow
    ? `container=${pod.workload.name}&follow=true&tailLines=100`
    : `container=${pod.workload.name}&tailLines=${rng.pick([20, 50, 100, 500])}`;
  const durationMs = follow ? rng.int(10, 900) * 1000 : rng.latency(120, 3000);
  const target = { resource: 'pods' as const, namespace: pod.namespace, name: pod.name, subresource: 'log' };
  return [at(0, session.request('get', target, { query, durationMs }).spec)];
}
