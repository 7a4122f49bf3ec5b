import assert from 'node:assert/strict';
import type { AuditEvent } from '@kubetrail/contracts';
import { parsePolicy, type CompiledPolicy, type RequestAttributes } from '../src/index';

/** A v1 policy from rule objects (JSON is YAML, so this also goes through the parser). */
export function policyOf(rules: object[], extra: object = {}): CompiledPolicy {
  return parsePolicy(JSON.stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', ...extra, rules }));
}

const dana = { user: 'dana@example.com', groups: ['humans', 'developers'] };

/** Requests in the shapes the authorizer sees: namespaced, cluster-scoped, subresource, non-resource, anonymous. */
export const REQUESTS = {
  namespaced: {
    ...dana,
    verb: 'get',
    namespace: 'default',
    apiGroup: '',
    resource: 'pods',
    subresource: '',
    name: 'web-0',
    isResourceRequest: true,
    path: '/api/v1/namespaces/default/pods/web-0',
  },
  cluster: {
    ...dana,
    verb: 'get',
    namespace: '',
    apiGroup: 'rbac.authorization.k8s.io',
    resource: 'clusterroles',
    subresource: '',
    name: 'edit',
    isResourceRequest: true,
    path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/edit',
  },
  subresource: {
    ...dana,
    verb: 'get',
    namespace: 'default',
    apiGroup: '',
    resource: 'pods',
    subresource: 'log',
    name: 'web-0',
    isResourceRequest: true,
    path: '/api/v1/namespaces/default/pods/web-0/log',
  },
  nonResource: {
    ...dana,
    verb: 'get',
    namespace: '',
    apiGroup: '',
    resource: '',
    subresource: '',
    name: '',
    isResourceRequest: false,
    path: '/logs/kubelet.log',
  },
  anonymous: {
    user: '',
    groups: [],
    verb: 'get',
    namespace: 'default',
    apiGroup: '',
    resource: 'pods',
    subresource: '',
    name: 'web-0',
    isResourceRequest: true,
    path: '/api/v1/namespaces/default/pods/web-0',
  },
} satisfies Record<string, RequestAttributes>;

export function request(overrides: Partial<RequestAttributes>): RequestAttributes {
  return { ...REQUESTS.namespaced, ...overrides };
}

export function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Event',
    level: 'RequestResponse',
    auditID: '7e0b9a4c-2f35-4a8e-9f1e-3c1d2b4a5e6f',
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/default/configmaps/app?timeout=10s',
    verb: 'update',
    user: { username: 'dana@example.com', groups: ['developers', 'system:authenticated'] },
    sourceIPs: ['10.0.0.8'],
    objectRef: { resource: 'configmaps', namespace: 'default', name: 'app', apiVersion: 'v1' },
    responseStatus: { code: 200 },
    requestObject: { kind: 'ConfigMap', metadata: { name: 'app', managedFields: [{ manager: 'kubectl' }] } },
    responseObject: { kind: 'ConfigMap', metadata: { name: 'app', managedFields: [{ manager: 'kubectl' }] } },
    requestReceivedTimestamp: '2024-05-01T10:00:00.000000Z',
    stageTimestamp: '2024-05-01T10:00:00.010000Z',
    ...overrides,
  };
}

/** The event an applied policy kept; fails the test when it was dropped. */
export function kept(applied: AuditEvent | null): AuditEvent {
  assert.ok(applied, 'expected the event to be kept');
  return applied;
}
