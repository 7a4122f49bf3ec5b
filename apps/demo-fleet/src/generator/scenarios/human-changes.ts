import type { ResourceName, ResourceTarget } from '../api-resources';
import type { WorkloadRecord } from '../cluster-inventory';
import { formatMicroTime } from '../micro-time';
import {
  bindingObject,
  cordonPatch,
  deletedStatus,
  deleteOptions,
  deploymentObject,
  imageFor,
  imagePatch,
  restartPatch,
  scaleObject,
  withServerFields,
} from '../objects';
import { alreadyExists, conflict, invalid } from '../responses';
import { at, type PlannedRequest } from './context';
import { podReplacement } from './control-plane';
import type { HumanSession } from './human-session';

function pickDeployment(session: HumanSession): WorkloadRecord | undefined {
  const { rng, inventory } = session.ctx;
  const namespace = session.pickNamespace();
  const local = inventory.workloads.filter((w) => w.kind === 'deployment' && w.namespace === namespace);
  const all = inventory.workloads.filter((w) => w.kind === 'deployment');
  return local.length > 0 ? rng.pick(local) : all.length > 0 ? rng.pick(all) : undefined;
}

function createdAt(session: HumanSession): string {
  return formatMicroTime(session.ctx.nowMicros).replace(/\.\d+Z$/, 'Z');
}

/** `kubectl set image`, `kubectl rollout restart`, `kubectl scale`. */
export function rollout(session: HumanSession): PlannedRequest[] {
  const { rng, inventory, identities } = session.ctx;
  const workload = pickDeployment(session);
  if (!workload) return [];
  const uid = identities.uidOf(`deploy/${workload.namespace}/${workload.name}`);
  const target: ResourceTarget = { resource: 'deployments', namespace: workload.namespace, name: workload.name };
  const kind = rng.weighted([
    ['image', 4],
    ['restart', 3],
    ['scale', 2],
  ] as const);
  if (kind === 'scale') {
    const replicas = Math.max(1, workload.replicas + rng.pick([-1, 1, 2]));
    const scaleTarget = { ...target, subresource: 'scale' };
    const result = session.request('patch', scaleTarget, {
      requestObject: { spec: { replicas } },
      responseObject: scaleObject(workload, replicas, inventory.nextResourceVersion(), uid),
    });
    return [at(0, result.spec)];
  }
  const version = `1.${rng.int(10, 60)}.${rng.int(0, 9)}`;
  const image = imageFor(workload.namespace, workload.name, version);
  const patch = kind === 'image' ? imagePatch(workload.name, image) : restartPatch(createdAt(session));
  const query = kind === 'image' ? 'fieldManager=kubectl-set' : 'fieldManager=kubectl-rollout';
  const result = session.request('patch', target, {
    query,
    requestObject: patch,
    responseObject: deploymentObject(workload, image, rng.int(2, 90), inventory.nextResourceVersion(), uid),
  });
  if (result.allowed && rng.chance(0.03))
    result.spec.response = invalid(target, 'spec.template.spec.containers[0].image', 'Required value');
  if (!result.allowed || result.spec.response.code >= 400) return [at(0, result.spec)];
  // The new ReplicaSet brings up one replacement pod right away; the rest follow as it becomes ready.
  const old = inventory.pods.find((p) => p.workload === workload);
  const plan = [at(0, result.spec)];
  if (old) plan.push(...podReplacement(session.ctx, inventory.deletePod(old), 20));
  return plan;
}

/** `kubectl create configmap` or `kubectl edit configmap`. */
export function editConfigMap(session: HumanSession): PlannedRequest[] {
  const { rng, inventory } = session.ctx;
  const namespace = session.pickNamespace();
  const existing = inventory.configmaps.filter((c) => c.namespace === namespace && c.name !== 'kube-root-ca.crt');
  if (existing.length > 0 && rng.chance(0.7)) {
    const target = { resource: 'configmaps' as const, namespace, name: rng.pick(existing).name };
    const result = session.request('patch', target, { query: 'fieldManager=kubectl-edit' });
    if (result.allowed && rng.chance(0.04)) result.spec.response = conflict(target);
    return [at(0, result.spec)];
  }
  const name = `${rng.pick(['feature-flags', 'app-settings', 'nginx-conf', 'debug'])}-${rng.suffix(4)}`;
  const target = { resource: 'configmaps' as const, namespace, name };
  const result = session.request('create', target, { query: 'fieldManager=kubectl-create&fieldValidation=Strict' });
  if (result.allowed && rng.chance(0.05)) result.spec.response = alreadyExists(target);
  else if (result.allowed) inventory.configmaps.push({ namespace, name });
  return [at(0, result.spec)];
}

/** Deleting one pod (its controller recreates it) or another object. */
export function deleteObject(session: HumanSession): PlannedRequest[] {
  const { rng, inventory } = session.ctx;
  if (rng.chance(0.7)) {
    const pod = session.pickPod(session.pickNamespace());
    const target = { resource: 'pods' as const, namespace: pod.namespace, name: pod.name };
    const result = session.request('delete', target, {
      requestObject: deleteOptions(),
      responseObject: deletedStatus(pod.name, 'pods', pod.uid),
    });
    return result.allowed ? [at(0, result.spec), ...podReplacement(session.ctx, inventory.deletePod(pod), 0)] : [at(0, result.spec)];
  }
  const namespace = session.pickNamespace();
  const resource = rng.weighted<ResourceName>([
    ['jobs', 3],
    ['configmaps', 2],
    ['services', 1],
    ['ingresses', 1],
    ['persistentvolumeclaims', 1],
    ['deployments', 1],
  ]);
  const name =
    resource === 'configmaps'
      ? `debug-${rng.suffix(4)}`
      : `${rng.pick(
          inventory.workloads
            .filter((w) => w.namespace === namespace)
            .map((w) => w.name)
            .concat('tmp'),
        )}${resource === 'jobs' ? `-manual-${rng.suffix(3)}` : ''}`;
  const target = { resource, namespace, name };
  const result = session.request('delete', target, {
    requestObject: deleteOptions(resource === 'deployments' ? 'Foreground' : 'Background'),
    responseObject: deletedStatus(name, resource, session.ctx.rng.uuid()),
  });
  return [at(0, result.spec)];
}

/**
 * Someone clearing out a namespace: a list, then a rapid run of deletes (or
 * a single deletecollection), and the controllers rushing to recreate.
 */
export function massDelete(session: HumanSession): PlannedRequest[] {
  const { rng, inventory } = session.ctx;
  const namespace = session.pickNamespace();
  const list = session.request('list', { resource: 'pods', namespace }, { query: 'limit=500' });
  const plan = [at(0, list.spec)];
  if (!list.allowed) return plan;
  if (rng.chance(0.2)) {
    plan.push(
      at(
        rng.latency(30, 200),
        session.request('deletecollection', { resource: 'pods', namespace }, { requestObject: deleteOptions() }).spec,
      ),
    );
    return plan;
  }
  const victims = inventory.podsIn(namespace).slice(0, rng.int(8, 30));
  let offset = rng.latency(40, 300);
  for (const pod of victims) {
    const target = { resource: 'pods' as const, namespace, name: pod.name };
    const result = session.request('delete', target, {
      requestObject: deleteOptions(),
      responseObject: deletedStatus(pod.name, 'pods', pod.uid),
    });
    plan.push(at(offset, result.spec));
    if (!result.allowed) break;
    plan.push(...podReplacement(session.ctx, inventory.deletePod(pod), offset));
    offset += rng.latency(60, 400);
  }
  return plan;
}

/** RBAC changes; only admins get them through, everyone else collects a 403. */
export function changeRbac(session: HumanSession): PlannedRequest[] {
  const { rng, inventory } = session.ctx;
  const stamp = createdAt(session);
  const kind = rng.weighted([
    ['cluster-admin-binding', 3],
    ['role-binding', 3],
    ['delete-binding', 1.5],
    ['read', 2],
  ] as const);
  if (kind === 'read') {
    const resource = rng.pick(['clusterrolebindings', 'clusterroles'] as const);
    return [at(0, session.request('get', { resource, name: rng.pick(['cluster-admin', 'system:node', 'admin', 'edit']) }).spec)];
  }
  if (kind === 'cluster-admin-binding') {
    const grantee = rng.pick([...session.ctx.profile.humans.map((h) => h.username), 'system:serviceaccount:default:default']);
    const name = `${grantee.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-cluster-admin`;
    const subject = grantee.startsWith('system:serviceaccount:')
      ? { kind: 'ServiceAccount' as const, name: 'default', namespace: 'default' }
      : { kind: 'User' as const, name: grantee };
    const body = bindingObject('ClusterRoleBinding', name, 'cluster-admin', [subject]);
    const target = { resource: 'clusterrolebindings' as const, name };
    const result = session.request('create', target, {
      query: 'fieldManager=kubectl-create&fieldValidation=Strict',
      requestObject: body,
      responseObject: withServerFields(body, rng.uuid(), inventory.nextResourceVersion(), stamp),
    });
    if (result.allowed && rng.chance(0.1)) result.spec.response = alreadyExists(target);
    return [at(0, result.spec)];
  }
  const namespace = session.pickNamespace();
  if (kind === 'role-binding') {
    const group = rng.pick(['developers', 'qa', 'oncall']);
    const role = rng.pick(['edit', 'view', 'admin']);
    const name = `${group}-${role}`;
    const body = bindingObject('RoleBinding', name, role, [{ kind: 'Group', name: group }], namespace);
    const result = session.request(
      'create',
      { resource: 'rolebindings', namespace, name },
      {
        query: 'fieldManager=kubectl-create&fieldValidation=Strict',
        requestObject: body,
        responseObject: withServerFields(body, rng.uuid(), inventory.nextResourceVersion(), stamp),
      },
    );
    return [at(0, result.spec)];
  }
  const name = `${rng.pick(['developers', 'qa', 'oncall'])}-${rng.pick(['edit', 'view'])}`;
  const result = session.request(
    'delete',
    { resource: 'rolebindings', namespace, name },
    {
      requestObject: deleteOptions(),
      responseObject: deletedStatus(name, 'rolebindings', rng.uuid(), 'rbac.authorization.k8s.io'),
    },
  );
  return [at(0, result.spec)];
}

/** `kubectl cordon` / `uncordon`. */
export function cordon(session: HumanSession): PlannedRequest[] {
  const { rng, inventory } = session.ctx;
  const node = rng.pick(inventory.workers.length > 0 ? inventory.workers : inventory.nodes);
  const unschedulable = rng.chance(0.6);
  const result = session.request('patch', { resource: 'nodes', name: node.name }, { requestObject: cordonPatch(unschedulable) });
  return [at(0, result.spec)];
}

/** An admin checking what a colleague can see with `--as`. */
export function impersonate(session: HumanSession): PlannedRequest[] {
  const { rng } = session.ctx;
  const others = session.ctx.profile.humans.filter((h) => h.username !== session.username && h.role !== 'masters');
  if (others.length === 0 || (session.human.role !== 'admin' && session.human.role !== 'masters')) return [];
  const other = rng.pick(others);
  const namespace = other.namespaces ? rng.pick(other.namespaces) : session.pickNamespace();
  const result = session.request(
    'list',
    { resource: 'pods', namespace },
    { query: 'limit=500', impersonatedUser: { username: other.username, groups: other.groups } },
  );
  return [at(0, result.spec)];
}
