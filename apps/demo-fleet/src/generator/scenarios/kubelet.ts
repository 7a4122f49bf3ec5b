import { apiRequest, watchQuery, type Actor } from '../api-request';
import { allow } from '../authorization';
import type { NodeRecord, PodRecord } from '../cluster-inventory';
import { at, type PlannedRequest, type SimContext } from './context';

type KubeletOp =
  'lease' | 'node-status' | 'node-get' | 'watch-pods' | 'watch-object' | 'pod-status' | 'pod-get' | 'event' | 'token' | 'csinode';

const OPS: [KubeletOp, number][] = [
  ['lease', 40],
  ['node-status', 6],
  ['node-get', 4],
  ['watch-pods', 2],
  ['watch-object', 8],
  ['pod-status', 5],
  ['pod-get', 3],
  ['event', 4],
  ['token', 3],
  ['csinode', 1],
];

// The Node authorizer allows a kubelet's own objects and gives no reason.
const NODE_AUTHORIZER = allow('');

function kubeletActor(ctx: SimContext, node: NodeRecord): Actor {
  return {
    user: { username: `system:node:${node.name}`, groups: ['system:nodes', 'system:authenticated'] },
    sourceIp: node.ip,
    userAgent: ctx.identities.kubeAgent('kubelet'),
  };
}

/** The steady background of a kubelet: lease renewals, status patches, per-object watches. */
export function kubeletScenario(ctx: SimContext): PlannedRequest[] {
  const { rng, inventory } = ctx;
  const node = rng.pick(inventory.nodes);
  const actor = kubeletActor(ctx, node);
  const localPods = inventory.podsOn(node.name);
  const pod: PodRecord | undefined = localPods.length > 0 ? rng.pick(localPods) : undefined;
  const op = rng.weighted(OPS);
  const opts = { authorization: NODE_AUTHORIZER };

  switch (op) {
    case 'lease':
      return [
        at(
          0,
          apiRequest(
            rng,
            actor,
            'update',
            { resource: 'leases', namespace: 'kube-node-lease', name: node.name },
            { ...opts, query: 'timeout=10s' },
          ),
        ),
      ];
    case 'node-status':
      return [
        at(
          0,
          apiRequest(rng, actor, 'patch', { resource: 'nodes', name: node.name, subresource: 'status' }, { ...opts, query: 'timeout=10s' }),
        ),
      ];
    case 'node-get':
      return [
        at(0, apiRequest(rng, actor, 'get', { resource: 'nodes', name: node.name }, { ...opts, query: 'resourceVersion=0&timeout=10s' })),
      ];
    case 'watch-pods': {
      const watch = watchQuery(rng, inventory.currentResourceVersion(), `spec.nodeName=${node.name}`);
      return [at(0, apiRequest(rng, actor, 'watch', { resource: 'pods' }, { ...opts, ...watch }))];
    }
    case 'csinode':
      return [at(0, apiRequest(rng, actor, 'get', { resource: 'csinodes', name: node.name }, opts))];
    default:
      break;
  }
  if (!pod)
    return [
      at(0, apiRequest(rng, actor, 'get', { resource: 'nodes', name: node.name }, { ...opts, query: 'resourceVersion=0&timeout=10s' })),
    ];

  switch (op) {
    case 'watch-object': {
      const mounted = rng.chance(0.5) ? 'configmaps' : 'secrets';
      const pool = (mounted === 'configmaps' ? inventory.configmaps : inventory.secrets).filter((o) => o.namespace === pod.namespace);
      const name = pool.length > 0 ? rng.pick(pool).name : 'kube-root-ca.crt';
      const watch = watchQuery(rng, inventory.currentResourceVersion(), `metadata.name=${name}`);
      return [at(0, apiRequest(rng, actor, 'watch', { resource: mounted, namespace: pod.namespace }, { ...opts, ...watch }))];
    }
    case 'pod-status':
      return [at(0, podStatusPatch(ctx, pod))];
    case 'pod-get':
      return [at(0, apiRequest(rng, actor, 'get', { resource: 'pods', namespace: pod.namespace, name: pod.name }, opts))];
    case 'event': {
      const name = `${pod.name}.${rng.hex(16)}`;
      return [at(0, apiRequest(rng, actor, 'create', { resource: 'events', namespace: pod.namespace, name }, opts))];
    }
    case 'token': {
      const target = { resource: 'serviceaccounts' as const, namespace: pod.namespace, name: pod.workload.name, subresource: 'token' };
      return [at(0, apiRequest(rng, actor, 'create', target, { ...opts, response: { metadata: {}, code: 201 } }))];
    }
    default:
      return [];
  }
}

export function podStatusPatch(ctx: SimContext, pod: PodRecord) {
  const node = ctx.inventory.nodes.find((n) => n.name === pod.node) ?? ctx.inventory.nodes[0];
  if (!node) throw new Error('cluster has no nodes');
  const target = { resource: 'pods' as const, namespace: pod.namespace, name: pod.name, subresource: 'status' };
  return apiRequest(ctx.rng, kubeletActor(ctx, node), 'patch', target, { authorization: NODE_AUTHORIZER });
}
