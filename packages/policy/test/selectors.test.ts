import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditLevel } from '@kubetrail/contracts';
import { evaluatePolicy, type RequestAttributes } from '../src/index';
import { policyOf, request, REQUESTS } from './helpers';

// Each selector on its own, at the edges kube-apiserver's checker defines.

const levelOf = (rule: object, attrs: RequestAttributes): AuditLevel => evaluatePolicy(policyOf([rule]), attrs).level;
const matches = (rule: object, attrs: RequestAttributes): boolean => levelOf({ level: 'Metadata', ...rule }, attrs) !== 'None';

describe('resources selector', () => {
  const deploymentScale = request({ apiGroup: 'apps', resource: 'deployments', subresource: 'scale', name: 'web' });
  const deployment = request({ apiGroup: 'apps', resource: 'deployments', name: 'web' });

  test('a plain resource matches only the resource, not its subresources', () => {
    assert.equal(matches({ resources: [{ resources: ['pods'] }] }, REQUESTS.namespaced), true);
    assert.equal(matches({ resources: [{ resources: ['pods'] }] }, REQUESTS.subresource), false);
  });
  test('"pods/log" matches only that subresource', () => {
    assert.equal(matches({ resources: [{ resources: ['pods/log'] }] }, REQUESTS.subresource), true);
    assert.equal(matches({ resources: [{ resources: ['pods/log'] }] }, request({ subresource: 'exec' })), false);
    assert.equal(matches({ resources: [{ resources: ['pods/log'] }] }, REQUESTS.namespaced), false);
  });
  test('"pods/*" matches every pods subresource, not other resources', () => {
    const rule = { resources: [{ resources: ['pods/*'] }] };
    assert.equal(matches(rule, request({ subresource: 'exec' })), true);
    assert.equal(matches(rule, request({ resource: 'services', subresource: 'proxy' })), false);
  });
  test('"pods/*" also matches pods itself, as kube-apiserver compares only the resource part', () => {
    assert.equal(matches({ resources: [{ resources: ['pods/*'] }] }, REQUESTS.namespaced), true);
  });
  test('"*/scale" matches the scale subresource of any resource in the group, nothing else', () => {
    const rule = { resources: [{ group: 'apps', resources: ['*/scale'] }] };
    assert.equal(matches(rule, deploymentScale), true);
    assert.equal(matches(rule, request({ apiGroup: 'apps', resource: 'statefulsets', subresource: 'scale' })), true);
    assert.equal(matches(rule, deployment), false);
    assert.equal(matches(rule, request({ apiGroup: 'apps', resource: 'deployments', subresource: 'status' })), false);
  });
  test('"*" matches every resource and subresource of its group only', () => {
    const rule = { resources: [{ group: 'apps', resources: ['*'] }] };
    assert.equal(matches(rule, deployment), true);
    assert.equal(matches(rule, deploymentScale), true);
    assert.equal(matches(rule, REQUESTS.namespaced), false);
  });
  test('an omitted group is the core group', () => {
    assert.equal(matches({ resources: [{ resources: ['deployments'] }] }, deployment), false);
    assert.equal(matches({ resources: [{ group: '', resources: ['pods'] }] }, REQUESTS.namespaced), true);
  });
  test('a group without resources matches everything in it, subresources included', () => {
    assert.equal(matches({ resources: [{ group: 'apps' }] }, deploymentScale), true);
    assert.equal(matches({ resources: [{ group: 'apps' }] }, REQUESTS.namespaced), false);
  });
  test('resourceNames restricts to the named objects', () => {
    const rule = { resources: [{ resources: ['pods', 'pods/log'], resourceNames: ['web-0'] }] };
    assert.equal(matches(rule, REQUESTS.namespaced), true);
    assert.equal(matches(rule, REQUESTS.subresource), true);
    assert.equal(matches(rule, request({ name: 'web-1' })), false);
    assert.equal(matches(rule, request({ verb: 'list', name: '' })), false);
  });
  test('a later group entry can match when an earlier one is ruled out by resourceNames', () => {
    const rule = {
      resources: [
        { resources: ['pods'], resourceNames: ['db-0'] },
        { resources: ['pods'], resourceNames: ['web-0'] },
      ],
    };
    assert.equal(matches(rule, REQUESTS.namespaced), true);
  });
  test('resources never match a non-resource request', () => {
    assert.equal(matches({ resources: [{ resources: ['*'] }] }, REQUESTS.nonResource), false);
  });
});

describe('namespaces selector', () => {
  test('"" selects cluster-scoped requests only', () => {
    assert.equal(matches({ namespaces: [''] }, REQUESTS.cluster), true);
    assert.equal(matches({ namespaces: [''] }, REQUESTS.namespaced), false);
  });
  test('a namespace name selects requests in that namespace', () => {
    assert.equal(matches({ namespaces: ['default'] }, REQUESTS.namespaced), true);
    assert.equal(matches({ namespaces: ['kube-system'] }, REQUESTS.namespaced), false);
    assert.equal(matches({ namespaces: ['default'] }, REQUESTS.cluster), false);
  });
  test('a namespaces selector never matches a non-resource request, even with ""', () => {
    assert.equal(matches({ namespaces: [''] }, REQUESTS.nonResource), false);
  });
  test('namespaces and resources must both match', () => {
    const rule = { namespaces: ['kube-system'], resources: [{ resources: ['pods'] }] };
    assert.equal(matches(rule, REQUESTS.namespaced), false);
    assert.equal(matches(rule, request({ namespace: 'kube-system' })), true);
  });
});

describe('nonResourceURLs selector', () => {
  const at = (path: string): RequestAttributes => ({ ...REQUESTS.nonResource, path });
  test('an entry without "*" is an exact path', () => {
    assert.equal(matches({ nonResourceURLs: ['/metrics'] }, at('/metrics')), true);
    assert.equal(matches({ nonResourceURLs: ['/metrics'] }, at('/metrics/cadvisor')), false);
    assert.equal(matches({ nonResourceURLs: ['/metrics'] }, at('/metric')), false);
  });
  test('a trailing "*" is a plain string prefix', () => {
    const rule = { nonResourceURLs: ['/healthz*'] };
    assert.equal(matches(rule, at('/healthz')), true);
    assert.equal(matches(rule, at('/healthz/etcd')), true);
    assert.equal(matches(rule, at('/healthzz')), true);
    assert.equal(matches(rule, at('/livez')), false);
  });
  test('"*" alone matches every non-resource path', () => {
    assert.equal(matches({ nonResourceURLs: ['*'] }, at('/openapi/v2')), true);
  });
  test('never matches a resource request, whatever its path', () => {
    assert.equal(matches({ nonResourceURLs: ['/api*'] }, REQUESTS.namespaced), false);
    assert.equal(matches({ nonResourceURLs: ['*'] }, REQUESTS.namespaced), false);
  });
});

describe('users, userGroups and verbs selectors', () => {
  test('users compare the exact, case-sensitive username', () => {
    assert.equal(matches({ users: ['dana'] }, REQUESTS.namespaced), false);
    assert.equal(matches({ users: ['Dana@example.com'] }, REQUESTS.namespaced), false);
    assert.equal(matches({ users: ['system:admin', 'dana@example.com'] }, REQUESTS.namespaced), true);
  });
  test('userGroups match when the user is in any listed group', () => {
    assert.equal(matches({ userGroups: ['ops', 'developers'] }, REQUESTS.namespaced), true);
    assert.equal(matches({ userGroups: ['ops'] }, REQUESTS.namespaced), false);
  });
  test('verbs compare exactly', () => {
    assert.equal(matches({ verbs: ['list', 'get'] }, REQUESTS.namespaced), true);
    assert.equal(matches({ verbs: ['GET'] }, REQUESTS.namespaced), false);
  });
  test('"*" is not a wildcard in users, userGroups or verbs', () => {
    assert.equal(matches({ users: ['*'] }, REQUESTS.namespaced), false);
    assert.equal(matches({ userGroups: ['*'] }, REQUESTS.namespaced), false);
    assert.equal(matches({ verbs: ['*'] }, REQUESTS.namespaced), false);
  });
  test('every selector a rule sets must match', () => {
    const rule = { users: ['dana@example.com'], verbs: ['delete'], resources: [{ resources: ['pods'] }] };
    assert.equal(matches(rule, REQUESTS.namespaced), false);
    assert.equal(matches(rule, request({ verb: 'delete' })), true);
  });
  test('user selectors apply to non-resource requests too', () => {
    assert.equal(matches({ users: ['dana@example.com'], nonResourceURLs: ['/logs*'] }, REQUESTS.nonResource), true);
    assert.equal(matches({ users: ['someone'], nonResourceURLs: ['/logs*'] }, REQUESTS.nonResource), false);
  });
});
