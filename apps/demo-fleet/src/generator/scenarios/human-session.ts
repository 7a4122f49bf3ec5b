import { apiRequest, pathRequest, type Actor, type ApiRequestOptions } from '../api-request';
import { resourceInfo, type ResourceName, type ResourceTarget } from '../api-resources';
import { allow, byClusterRoleBinding, byRoleBinding, DISCOVERY, forbid } from '../authorization';
import type { PodRecord } from '../cluster-inventory';
import { hashString } from '../prng';
import type { HumanDef } from '../profiles';
import type { Authorization, RequestSpec } from '../request-spec';
import { forbidden } from '../responses';
import type { SimContext } from './context';

const READ_VERBS = new Set(['get', 'list', 'watch']);
const RBAC_RESOURCES = new Set<ResourceName>(['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']);
const CLUSTER_READABLE = new Set<ResourceName>(['nodes', 'namespaces', 'customresourcedefinitions', 'storageclasses', 'persistentvolumes']);

/** One person at a keyboard: who they are, where they connect from, what RBAC lets them do. */
export class HumanSession {
  readonly actor: Actor;

  constructor(
    readonly ctx: SimContext,
    readonly human: HumanDef,
  ) {
    this.actor = {
      user: { username: human.username, groups: human.groups },
      sourceIp: sourceIpFor(ctx, human),
      userAgent: human.userAgent,
    };
  }

  get username(): string {
    return this.human.username;
  }

  get group(): string {
    return this.human.groups[0] ?? 'system:authenticated';
  }

  /** Mostly the namespaces a person works in; now and then somewhere else. */
  pickNamespace(): string {
    const { rng, inventory } = this.ctx;
    if (this.human.namespaces && rng.chance(0.88)) return rng.pick(this.human.namespaces);
    return rng.weighted([...inventory.appNamespaces.map((ns) => [ns, 3] as const), ['kube-system', 1] as const]);
  }

  pickPod(namespace: string): PodRecord {
    const { rng, inventory } = this.ctx;
    const local = inventory.podsIn(namespace);
    const pod = rng.pick(local.length > 0 ? local : inventory.pods);
    return pod;
  }

  authorize(verb: string, target: ResourceTarget): Authorization {
    const { human } = this;
    const info = resourceInfo(target.resource);
    const read = READ_VERBS.has(verb);
    const rbacWrite = RBAC_RESOURCES.has(target.resource) && !read;
    switch (human.role) {
      case 'masters':
        // system:masters bypasses RBAC, so the apiserver records no reason.
        return allow('');
      case 'admin':
        return byClusterRoleBinding(`${this.group}-admin`, 'cluster-admin', 'Group', this.group);
      case 'sre': {
        if (rbacWrite || (target.resource === 'customresourcedefinitions' && !read)) return forbid();
        if (target.resource === 'secrets' && target.namespace === 'kube-system') return forbid();
        return byClusterRoleBinding(`${this.group}-operators`, 'sre-operator', 'Group', this.group);
      }
      case 'developer':
      case 'viewer': {
        const role = human.role === 'developer' ? 'edit' : 'view';
        if (!info.namespaced) {
          return read && CLUSTER_READABLE.has(target.resource) && human.role === 'developer'
            ? byClusterRoleBinding('developers-cluster-read', 'cluster-read', 'Group', this.group)
            : forbid();
        }
        if (!target.namespace || !human.namespaces?.includes(target.namespace)) return forbid();
        if (rbacWrite) return forbid();
        if (role === 'view' && (!read || target.resource === 'secrets' || (target.subresource && target.subresource !== 'log')))
          return forbid();
        return byRoleBinding(`${this.group}-${role}`, target.namespace, { kind: 'ClusterRole', name: role }, 'Group', this.group);
      }
    }
  }

  /** A resource request as this person, denied with the apiserver's 403 when RBAC says no. */
  request(
    verb: string,
    target: ResourceTarget,
    options: Omit<ApiRequestOptions, 'authorization'> = {},
  ): { spec: RequestSpec; allowed: boolean } {
    const authorization = this.authorize(verb, target);
    if (authorization.decision === 'allow') {
      return { spec: apiRequest(this.ctx.rng, this.actor, verb, target, { ...options, authorization }), allowed: true };
    }
    // Denied before the body is read: no request or response object is logged.
    const { requestObject: _req, responseObject: _res, durationMs: _d, ...rest } = options;
    const spec = apiRequest(this.ctx.rng, this.actor, verb, target, {
      ...rest,
      authorization,
      response: forbidden(this.username, verb, target),
      durationMs: this.ctx.rng.latency(1.5, 50),
    });
    return { spec, allowed: false };
  }

  discovery(path: string): RequestSpec {
    return pathRequest(this.ctx.rng, this.actor, path, this.human.role === 'masters' ? allow('') : DISCOVERY);
  }
}

/**
 * People keep one network location for a while, so the choice between VPN
 * and a public address is stable within each hour.
 */
function sourceIpFor(ctx: SimContext, human: HumanDef): string {
  if (!human.publicIp || !human.publicShare) return human.privateIp;
  const hourIndex = Math.floor(ctx.nowMicros / 3_600_000_000);
  const draw = (hashString(`${human.username}/${hourIndex}`) % 1000) / 1000;
  return draw < human.publicShare ? human.publicIp : human.privateIp;
}
