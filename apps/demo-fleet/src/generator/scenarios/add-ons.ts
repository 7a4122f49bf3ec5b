import { apiRequest, pathRequest, watchQuery, type Actor } from '../api-request';
import type { ResourceTarget } from '../api-resources';
import { byClusterRoleBinding, byRoleBinding, serviceAccountSubject } from '../authorization';
import { imageFor, imagePatch } from '../objects';
import type { AppAccountDef, AppOp } from '../profiles';
import type { Authorization } from '../request-spec';
import { conflict, notFound } from '../responses';
import { at, type PlannedRequest, type SimContext } from './context';

/** The account's own pod, so bound-token details and the source IP match. */
function accountActor(ctx: SimContext, account: AppAccountDef): Actor {
  const { rng, inventory, identities } = ctx;
  if (account.externalIps) {
    return {
      user: identities.serviceAccount(account.namespace, account.name),
      sourceIp: rng.pick(account.externalIps),
      userAgent: account.userAgent,
    };
  }
  const own = inventory.podsIn(account.namespace);
  const pod = own.find((p) => p.workload.name.startsWith(account.name) || account.name.startsWith(p.workload.name)) ?? own[0];
  return {
    user: identities.serviceAccount(account.namespace, account.name, pod),
    sourceIp: pod?.ip ?? '10.0.0.10',
    userAgent: account.userAgent,
  };
}

function authorizationFor(account: AppAccountDef, op: AppOp): Authorization {
  const subject = serviceAccountSubject(account.namespace, account.name);
  if (op.scope === 'own')
    return byRoleBinding(account.name, account.namespace, { kind: 'Role', name: account.name }, 'ServiceAccount', subject);
  return byClusterRoleBinding(account.name, account.name, 'ServiceAccount', subject);
}

/** Picks a real object of the requested type for "any"-scoped operations. */
function objectTarget(ctx: SimContext, account: AppAccountDef, op: AppOp): ResourceTarget {
  const { rng, inventory } = ctx;
  const base = { resource: op.resource, ...(op.subresource ? { subresource: op.subresource } : {}) };
  if (op.scope === 'all') return base;
  if (op.scope === 'own') {
    const ownName =
      op.resource === 'leases' ? `${account.name}-leader` : op.resource === 'configmaps' ? `${account.name}-config` : undefined;
    const name =
      op.verb === 'watch' || op.verb === 'list' ? undefined : (ownName ?? `${account.name}-${rng.pick(inventory.appNamespaces)}`);
    return { ...base, namespace: account.namespace, ...(name ? { name } : {}) };
  }
  switch (op.resource) {
    case 'nodes':
      return { ...base, name: rng.pick(inventory.nodes).name };
    case 'pods': {
      const pod = rng.pick(inventory.pods);
      return { ...base, namespace: pod.namespace, name: pod.name };
    }
    case 'secrets': {
      const secret = rng.pick(inventory.secrets);
      return { ...base, namespace: secret.namespace, name: secret.name };
    }
    case 'configmaps': {
      const cm = rng.pick(inventory.configmaps);
      return { ...base, namespace: cm.namespace, name: cm.name };
    }
    default: {
      const candidates = inventory.workloads.filter((w) => w.kind === 'deployment' && w.namespace !== 'kube-system');
      const workload = rng.pick(candidates.length > 0 ? candidates : inventory.workloads);
      const suffix = op.resource === 'certificates' ? '-tls' : op.resource === 'certificaterequests' ? `-tls-${rng.int(1, 9)}` : '';
      return { ...base, namespace: workload.namespace, name: `${workload.name}${suffix}` };
    }
  }
}

/** Add-ons running in the cluster (monitoring, GitOps, certificates, ingress) talking to the apiserver. */
export function addOnScenario(ctx: SimContext): PlannedRequest[] {
  const { rng, profile, inventory } = ctx;
  const account = rng.weighted(profile.apps.map((a) => [a, a.weight] as const));
  const actor = accountActor(ctx, account);
  const pathWeight = (account.paths ?? []).reduce((sum, p) => sum + p.weight, 0);
  const opWeight = account.ops.reduce((sum, o) => sum + o.weight, 0);
  if (account.paths && rng.chance(pathWeight / (pathWeight + opWeight))) {
    const path = rng.weighted(account.paths.map((p) => [p.path, p.weight] as const));
    const reason = byClusterRoleBinding(
      account.name,
      account.name,
      'ServiceAccount',
      serviceAccountSubject(account.namespace, account.name),
    );
    return [at(0, pathRequest(rng, actor, path, reason))];
  }

  const op = rng.weighted(account.ops.map((o) => [o, o.weight] as const));
  const target = objectTarget(ctx, account, op);
  const authorization = authorizationFor(account, op);

  if (op.verb === 'watch') {
    const watch = watchQuery(rng, inventory.currentResourceVersion());
    return [at(0, apiRequest(rng, actor, 'watch', target, { authorization, ...watch }))];
  }
  if (op.verb === 'list') return [at(0, apiRequest(rng, actor, 'list', target, { authorization, query: 'limit=500&resourceVersion=0' }))];
  if (op.resource === 'nodes' && op.subresource === 'proxy') {
    const spec = apiRequest(rng, actor, 'get', target, { authorization, durationMs: rng.latency(60, 2000) });
    return [at(0, { ...spec, requestURI: `${spec.requestURI}/metrics/cadvisor` })];
  }
  if (op.verb === 'patch' && op.resource === 'deployments' && target.name && target.namespace) {
    const image = imageFor(target.namespace, target.name, `1.${rng.int(10, 60)}.${rng.int(0, 9)}`);
    const query = account.externalIps ? 'fieldManager=kubectl-set' : `fieldManager=${account.name}&force=true`;
    return [at(0, apiRequest(rng, actor, 'patch', target, { authorization, query, requestObject: imagePatch(target.name, image) }))];
  }
  const failure =
    op.verb === 'get' && rng.chance(0.02) ? notFound(target) : op.verb === 'update' && rng.chance(0.03) ? conflict(target) : undefined;
  const response = failure ?? (op.verb === 'create' ? { metadata: {}, code: 201 } : undefined);
  return [at(0, apiRequest(rng, actor, op.verb, target, { authorization, ...(response ? { response } : {}) }))];
}
