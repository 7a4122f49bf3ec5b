import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEvent } from '@kubetrail/contracts';
import { applyPolicy, attributesFromEvent } from '../src/index';
import { event, kept, policyOf } from './helpers';

describe('attributesFromEvent', () => {
  test('a resource request takes its scope from objectRef and its path without the query', () => {
    const ev = event({
      verb: 'get',
      requestURI: '/apis/apps/v1/namespaces/shop/deployments/web/scale?timeout=5s',
      objectRef: {
        resource: 'deployments',
        subresource: 'scale',
        namespace: 'shop',
        name: 'web',
        apiGroup: 'apps',
        apiVersion: 'v1',
      },
    });
    assert.deepEqual(attributesFromEvent(ev), {
      user: 'dana@example.com',
      groups: ['developers', 'system:authenticated'],
      verb: 'get',
      namespace: 'shop',
      resource: 'deployments',
      subresource: 'scale',
      apiGroup: 'apps',
      name: 'web',
      isResourceRequest: true,
      path: '/apis/apps/v1/namespaces/shop/deployments/web/scale',
    });
  });

  test('an event without objectRef is a non-resource request', () => {
    const attrs = attributesFromEvent(event({ requestURI: '/healthz/etcd?verbose', verb: 'get', objectRef: undefined }));
    assert.equal(attrs.isResourceRequest, false);
    assert.equal(attrs.path, '/healthz/etcd');
    assert.equal(attrs.namespace, '');
    assert.equal(attrs.resource, '');
  });

  test('cluster-scoped objects have the namespace ""', () => {
    const attrs = attributesFromEvent(
      event({ requestURI: '/api/v1/nodes/n1', objectRef: { resource: 'nodes', name: 'n1', apiVersion: 'v1' } }),
    );
    assert.equal(attrs.namespace, '');
    assert.equal(attrs.isResourceRequest, true);
  });

  test('a failed authentication (user: {}) has no name and no groups', () => {
    const attrs = attributesFromEvent(event({ user: {} }));
    assert.equal(attrs.user, '');
    assert.deepEqual(attrs.groups, []);
  });

  test('the policy sees the authenticated user, not the impersonated one', () => {
    const attrs = attributesFromEvent(event({ impersonatedUser: { username: 'system:serviceaccount:ci:deployer', groups: ['ci'] } }));
    assert.equal(attrs.user, 'dana@example.com');
  });

  test('the path is percent-decoded, as the apiserver matches it', () => {
    assert.equal(
      attributesFromEvent(event({ requestURI: '/logs/kube%20apiserver.log?x=1', objectRef: undefined })).path,
      '/logs/kube apiserver.log',
    );
    assert.equal(attributesFromEvent(event({ requestURI: '/logs/bad%zz', objectRef: undefined })).path, '/logs/bad%zz');
  });
});

describe('applyPolicy: dropping', () => {
  test('level None drops the event', () => {
    assert.equal(
      applyPolicy(policyOf([{ level: 'None', resources: [{ resources: ['configmaps'] }] }, { level: 'Metadata' }]), event()),
      null,
    );
  });
  test('no matching rule drops the event', () => {
    assert.equal(applyPolicy(policyOf([{ level: 'Metadata', verbs: ['delete'] }]), event()), null);
  });
  test('a stage omitted by the policy drops the event', () => {
    const policy = policyOf([{ level: 'Metadata' }], { omitStages: ['RequestReceived'] });
    assert.equal(applyPolicy(policy, event({ stage: 'RequestReceived' })), null);
    assert.notEqual(applyPolicy(policy, event({ stage: 'ResponseComplete' })), null);
  });
  test('a stage omitted by the matching rule drops the event', () => {
    const policy = policyOf([{ level: 'Metadata', verbs: ['update'], omitStages: ['ResponseComplete'] }, { level: 'Metadata' }]);
    assert.equal(applyPolicy(policy, event()), null);
    assert.notEqual(applyPolicy(policy, event({ verb: 'create' })), null);
  });
});

describe('applyPolicy: trimming to the level', () => {
  const at = (level: string) => policyOf([{ level }]);

  test('Metadata drops both objects and keeps everything else', () => {
    const ev = event({ annotations: { 'authorization.k8s.io/decision': 'allow' } });
    const out = kept(applyPolicy(at('Metadata'), { ...ev, futureField: 1 } as AuditEvent));
    assert.equal(out.level, 'Metadata');
    assert.equal('requestObject' in out, false);
    assert.equal('responseObject' in out, false);
    assert.deepEqual(out.responseStatus, { code: 200 });
    assert.deepEqual(out.annotations, ev.annotations);
    assert.equal((out as Record<string, unknown>).futureField, 1);
  });
  test('Request keeps the request object and drops the response object', () => {
    const ev = event();
    const out = kept(applyPolicy(at('Request'), ev));
    assert.equal(out.level, 'Request');
    assert.deepEqual(out.requestObject, ev.requestObject);
    assert.equal('responseObject' in out, false);
  });
  test('RequestResponse keeps both objects', () => {
    const ev = event();
    assert.deepEqual(applyPolicy(at('RequestResponse'), ev), ev);
  });
  test('a policy level above the recorded one never raises it', () => {
    const recorded = event({ level: 'Metadata', requestObject: undefined, responseObject: undefined });
    delete recorded.requestObject;
    delete recorded.responseObject;
    assert.deepEqual(applyPolicy(at('RequestResponse'), recorded), recorded);
    const request = event({ level: 'Request' });
    delete request.responseObject;
    assert.equal(kept(applyPolicy(at('RequestResponse'), request)).level, 'Request');
  });
  test('the recorded level bounds what is kept even when an object is present', () => {
    const out = kept(applyPolicy(at('RequestResponse'), event({ level: 'Request' })));
    assert.equal(out.level, 'Request');
    assert.equal('responseObject' in out, false);
  });
  test('the input event is left unchanged', () => {
    const ev = event();
    const before = structuredClone(ev);
    applyPolicy(at('Metadata'), ev);
    applyPolicy(policyOf([{ level: 'RequestResponse' }], { omitManagedFields: true }), ev);
    assert.deepEqual(ev, before);
  });
});

describe('applyPolicy: omitManagedFields', () => {
  const omitting = policyOf([{ level: 'RequestResponse' }], { omitManagedFields: true });

  test('removes metadata.managedFields from the request and response objects', () => {
    const out = kept(applyPolicy(omitting, event()));
    assert.deepEqual(out.requestObject, { kind: 'ConfigMap', metadata: { name: 'app' } });
    assert.deepEqual(out.responseObject, { kind: 'ConfigMap', metadata: { name: 'app' } });
  });
  test('removes them from every item of a list', () => {
    const list = {
      kind: 'ConfigMapList',
      metadata: { resourceVersion: '42' },
      items: [{ metadata: { name: 'a', managedFields: [{}] } }, { metadata: { name: 'b' } }, 'odd'],
    };
    const out = kept(applyPolicy(omitting, event({ verb: 'list', responseObject: list })));
    assert.deepEqual(out.responseObject, {
      kind: 'ConfigMapList',
      metadata: { resourceVersion: '42' },
      items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }, 'odd'],
    });
  });
  test('removes them from the objects of Table rows', () => {
    const table = {
      kind: 'Table',
      rows: [{ cells: ['a'], object: { kind: 'PartialObjectMetadata', metadata: { name: 'a', managedFields: [{}] } } }],
    };
    const out = kept(applyPolicy(omitting, event({ verb: 'list', responseObject: table })));
    assert.deepEqual(out.responseObject, {
      kind: 'Table',
      rows: [{ cells: ['a'], object: { kind: 'PartialObjectMetadata', metadata: { name: 'a' } } }],
    });
  });
  test('leaves a patch request body as sent, but trims the response', () => {
    const patch = { metadata: { managedFields: null } };
    const out = kept(applyPolicy(omitting, event({ verb: 'patch', requestObject: patch })));
    assert.deepEqual(out.requestObject, patch);
    assert.deepEqual(out.responseObject, { kind: 'ConfigMap', metadata: { name: 'app' } });
  });
  test('a rule can turn it off for its requests', () => {
    const policy = policyOf([{ level: 'RequestResponse', verbs: ['update'], omitManagedFields: false }, { level: 'RequestResponse' }], {
      omitManagedFields: true,
    });
    assert.deepEqual(applyPolicy(policy, event()), event());
    assert.deepEqual((kept(applyPolicy(policy, event({ verb: 'create' }))).requestObject as { metadata: object }).metadata, {
      name: 'app',
    });
  });
  test('a rule can turn it on when the policy default is off', () => {
    const policy = policyOf([{ level: 'Request', omitManagedFields: true }]);
    const out = kept(applyPolicy(policy, event()));
    assert.deepEqual(out.requestObject, { kind: 'ConfigMap', metadata: { name: 'app' } });
  });
  test('objects without managed fields and non-object bodies pass through as they are', () => {
    const ev = event({ requestObject: { kind: 'Status' }, responseObject: 'raw text' });
    const out = kept(applyPolicy(omitting, ev));
    assert.equal(out.requestObject, ev.requestObject);
    assert.equal(out.responseObject, 'raw text');
  });
  test('absent bodies stay absent', () => {
    const ev = event();
    delete ev.requestObject;
    delete ev.responseObject;
    const out = kept(applyPolicy(omitting, ev));
    assert.equal('requestObject' in out, false);
    assert.equal('responseObject' in out, false);
  });
});
