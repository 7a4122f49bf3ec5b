import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditLevel } from '@kubetrail/contracts';
import { applyPolicy, evaluatePolicy, lintPolicy, parsePolicy, PRESETS, type RequestAttributes } from '../src/index';
import { event, kept } from './helpers';

const ack = parsePolicy(PRESETS.ack);
const tke = parsePolicy(PRESETS.tke);

const resource = (
  user: string,
  verb: string,
  apiGroup: string,
  resourcePath: string,
  namespace = '',
  groups: string[] = ['system:authenticated'],
): RequestAttributes => {
  const [res = '', subresource = ''] = resourcePath.split('/');
  return {
    user,
    groups,
    verb,
    namespace,
    apiGroup,
    resource: res,
    subresource,
    name: 'x',
    isResourceRequest: true,
    path: '/api',
  };
};
const nonResource = (path: string, user = 'system:anonymous'): RequestAttributes => ({
  user,
  groups: ['system:unauthenticated'],
  verb: 'get',
  namespace: '',
  apiGroup: '',
  resource: '',
  subresource: '',
  name: '',
  isResourceRequest: false,
  path,
});
const admin = (verb: string, apiGroup: string, res: string, ns = 'default') =>
  resource('kubernetes-admin', verb, apiGroup, res, ns, ['system:masters', 'system:authenticated']);

// [what, request, ACK level, TKE level]
const CASES: [string, RequestAttributes, AuditLevel, AuditLevel][] = [
  ['kube-proxy watching endpoints', resource('system:kube-proxy', 'watch', '', 'endpoints'), 'None', 'None'],
  ['kube-proxy watching services', resource('system:kube-proxy', 'watch', '', 'services'), 'None', 'None'],
  ['kube-proxy watching services/status', resource('system:kube-proxy', 'watch', '', 'services/status'), 'Request', 'None'],
  ['kube-proxy listing endpoints', resource('system:kube-proxy', 'list', '', 'endpoints'), 'Request', 'Request'],
  [
    'system:unsecured reading a kube-system config map',
    resource('system:unsecured', 'get', '', 'configmaps', 'kube-system'),
    'None',
    'None',
  ],
  [
    'system:unsecured reading a config map elsewhere',
    resource('system:unsecured', 'get', '', 'configmaps', 'default'),
    'Metadata',
    'Metadata',
  ],
  ['legacy kubelet reading a node', resource('kubelet', 'get', '', 'nodes'), 'None', 'None'],
  ['legacy kubelet reading node status', resource('kubelet', 'get', '', 'nodes/status'), 'Request', 'None'],
  ['a node reading its node', resource('system:node:n1', 'get', '', 'nodes', '', ['system:nodes']), 'None', 'None'],
  ['a node reading its node status', resource('system:node:n1', 'get', '', 'nodes/status', '', ['system:nodes']), 'Request', 'None'],
  [
    'a node updating its node status',
    resource('system:node:n1', 'patch', '', 'nodes/status', '', ['system:nodes']),
    'RequestResponse',
    'RequestResponse',
  ],
  [
    'controller-manager updating kube-system endpoints',
    resource('system:kube-controller-manager', 'update', '', 'endpoints', 'kube-system'),
    'None',
    'None',
  ],
  ['scheduler reading kube-system endpoints', resource('system:kube-scheduler', 'get', '', 'endpoints', 'kube-system'), 'None', 'None'],
  [
    'endpoint controller updating kube-system endpoints',
    resource('system:serviceaccount:kube-system:endpoint-controller', 'update', '', 'endpoints', 'kube-system'),
    'None',
    'None',
  ],
  [
    'controller-manager updating endpoints in default',
    resource('system:kube-controller-manager', 'update', '', 'endpoints', 'default'),
    'RequestResponse',
    'RequestResponse',
  ],
  ['apiserver reading a namespace', resource('system:apiserver', 'get', '', 'namespaces', 'kube-system'), 'None', 'None'],
  ['apiserver reading namespace status', resource('system:apiserver', 'get', '', 'namespaces/status', 'kube-system'), 'Request', 'None'],
  [
    'apiserver reading namespace finalize',
    resource('system:apiserver', 'get', '', 'namespaces/finalize', 'kube-system'),
    'Request',
    'None',
  ],
  ['/healthz', nonResource('/healthz'), 'None', 'None'],
  ['/healthz/etcd', nonResource('/healthz/etcd'), 'None', 'None'],
  ['/version', nonResource('/version'), 'None', 'None'],
  ['/version/ (not the exact path)', nonResource('/version/'), 'Metadata', 'Request'],
  ['/swagger.json', nonResource('/swagger.json'), 'None', 'None'],
  ['/metrics', nonResource('/metrics'), 'Metadata', 'Request'],
  ['/logs posted to', { ...nonResource('/logs'), verb: 'post' }, 'Metadata', 'RequestResponse'],
  ['creating an event', admin('create', '', 'events'), 'None', 'RequestResponse'],
  ['listing events', admin('list', '', 'events'), 'None', 'Request'],
  ['reading a secret', admin('get', '', 'secrets'), 'Metadata', 'Metadata'],
  ['listing secrets cluster-wide', admin('list', '', 'secrets', ''), 'Metadata', 'Metadata'],
  ['updating a config map', admin('update', '', 'configmaps'), 'Metadata', 'Metadata'],
  [
    'creating a token review',
    resource('system:kube-controller-manager', 'create', 'authentication.k8s.io', 'tokenreviews'),
    'Metadata',
    'Metadata',
  ],
  [
    'creating a subject access review',
    admin('create', 'authorization.k8s.io', 'subjectaccessreviews', ''),
    'RequestResponse',
    'RequestResponse',
  ],
  ['listing pods', admin('list', '', 'pods'), 'Request', 'Request'],
  ['watching deployments', admin('watch', 'apps', 'deployments'), 'Request', 'Request'],
  ['creating a deployment', admin('create', 'apps', 'deployments'), 'RequestResponse', 'RequestResponse'],
  ['scaling a deployment', admin('update', 'apps', 'deployments/scale'), 'RequestResponse', 'RequestResponse'],
  ['exec into a pod', admin('create', '', 'pods/exec'), 'RequestResponse', 'RequestResponse'],
  [
    'deleting a cluster role binding',
    admin('delete', 'rbac.authorization.k8s.io', 'clusterrolebindings', ''),
    'RequestResponse',
    'RequestResponse',
  ],
  ['reading a storage class', admin('get', 'storage.k8s.io', 'storageclasses', ''), 'Request', 'Request'],
  [
    "renewing a lease (group outside ACK's list)",
    resource('system:kube-scheduler', 'update', 'coordination.k8s.io', 'leases', 'kube-system'),
    'Metadata',
    'RequestResponse',
  ],
  ['reading a custom resource', admin('get', 'example.com', 'widgets'), 'Metadata', 'Request'],
  ['creating a custom resource', admin('create', 'example.com', 'widgets'), 'Metadata', 'RequestResponse'],
];

describe('ACK and TKE presets', () => {
  test('both are valid policies', () => {
    assert.deepEqual(lintPolicy(PRESETS.ack), []);
    assert.deepEqual(lintPolicy(PRESETS.tke), []);
    assert.equal(ack.rules.length, 12);
    assert.equal(tke.rules.length, 10);
  });

  for (const [what, attrs, ackLevel, tkeLevel] of CASES) {
    test(`${what}: ACK ${ackLevel}, TKE ${tkeLevel}`, () => {
      assert.equal(evaluatePolicy(ack, attrs).level, ackLevel, 'ACK');
      assert.equal(evaluatePolicy(tke, attrs).level, tkeLevel, 'TKE');
    });
  }

  test('ACK reads and writes cover the same fourteen built-in groups', () => {
    const groupsOf = (i: number) => ack.rules[i]?.resources.map((gr) => gr.group) ?? [];
    assert.equal(groupsOf(9).length, 14);
    assert.deepEqual(groupsOf(9), groupsOf(10));
    assert.ok(groupsOf(9).includes(''));
    assert.ok(ack.rules[9]?.resources.every((gr) => gr.resources.length === 0));
  });

  test('ACK omits the RequestReceived stage; TKE keeps every stage', () => {
    assert.deepEqual(ack.omitStages, ['RequestReceived']);
    assert.ok(ack.rules.every((r) => r.omitStages.includes('RequestReceived')));
    assert.deepEqual(tke.omitStages, []);
    const received = event({
      stage: 'RequestReceived',
      verb: 'create',
      objectRef: { resource: 'pods', namespace: 'default' },
    });
    assert.equal(applyPolicy(ack, received), null);
    assert.equal(applyPolicy(tke, received)?.level, 'RequestResponse');
  });

  test('ACK keeps a config map update as metadata only', () => {
    const out = kept(applyPolicy(ack, event()));
    assert.equal(out.level, 'Metadata');
    assert.equal('requestObject' in out, false);
    assert.equal('responseObject' in out, false);
  });
});
