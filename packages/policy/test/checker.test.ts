import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditLevel, AuditStage } from '@kubetrail/contracts';
import { evaluatePolicy } from '../src/index';
import { policyOf, REQUESTS } from './helpers';

// Conformance with kube-apiserver's policy checker (staging/src/k8s.io/apiserver/pkg/audit/policy):
// the same request shapes and rule kinds its tests exercise, plus the edges of each selector.

const RULES = {
  catchAll: { level: 'Metadata' },
  creates: { level: 'Request', verbs: ['create'] },
  dana: { level: 'Metadata', users: ['dana@example.com'] },
  humans: { level: 'Metadata', userGroups: ['humans'] },
  serviceAccounts: { level: 'Request', userGroups: ['system:serviceaccounts'] },
  getPods: { level: 'RequestResponse', verbs: ['get'], resources: [{ resources: ['pods'] }] },
  getPodLogs: { level: 'Request', verbs: ['get'], resources: [{ resources: ['pods/log'] }] },
  getAnything: { level: 'Request', verbs: ['get'], resources: [{ resources: ['*'] }] },
  getAnyLog: { level: 'Request', verbs: ['get'], resources: [{ resources: ['*/log'] }] },
  getPodSubresources: { level: 'Request', verbs: ['get'], resources: [{ resources: ['pods/*'] }] },
  getClusterRoles: {
    level: 'RequestResponse',
    verbs: ['get'],
    namespaces: [''],
    resources: [{ group: 'rbac.authorization.k8s.io', resources: ['clusterroles'] }],
  },
  getLogsURL: { level: 'RequestResponse', verbs: ['get'], nonResourceURLs: ['/logs*'] },
  getMetricsURL: { level: 'Request', verbs: ['get'], nonResourceURLs: ['/metrics'] },
  editRole: {
    level: 'Request',
    resources: [{ group: 'rbac.authorization.k8s.io', resources: ['clusterroles'], resourceNames: ['edit'] }],
  },
} as const;
type RuleName = keyof typeof RULES;
type RequestName = keyof typeof REQUESTS;

// [request, expected level, rules in order, index of the matching rule (0 when omitted)]
const MATRIX: [RequestName, AuditLevel, RuleName[], number?][] = [
  ['namespaced', 'Metadata', ['catchAll']],
  ['namespaced', 'None', ['creates']],
  ['namespaced', 'Metadata', ['dana']],
  ['namespaced', 'Metadata', ['humans']],
  ['namespaced', 'None', ['serviceAccounts']],
  ['namespaced', 'RequestResponse', ['getPods']],
  ['namespaced', 'None', ['getClusterRoles']],
  ['namespaced', 'None', ['getLogsURL']],
  ['namespaced', 'None', ['getMetricsURL']],
  ['namespaced', 'Metadata', ['getMetricsURL', 'serviceAccounts', 'catchAll'], 2],
  ['namespaced', 'RequestResponse', ['getMetricsURL', 'getPods', 'catchAll'], 1],
  ['namespaced', 'RequestResponse', ['getPodLogs', 'getPods'], 1],

  ['cluster', 'Metadata', ['catchAll']],
  ['cluster', 'None', ['creates']],
  ['cluster', 'Metadata', ['dana']],
  ['cluster', 'Metadata', ['humans']],
  ['cluster', 'None', ['serviceAccounts']],
  ['cluster', 'None', ['getPods']],
  ['cluster', 'RequestResponse', ['getClusterRoles']],
  ['cluster', 'Request', ['editRole', 'getClusterRoles'], 0],
  ['cluster', 'None', ['getLogsURL']],
  ['cluster', 'None', ['getMetricsURL']],
  ['cluster', 'Metadata', ['getMetricsURL', 'serviceAccounts', 'catchAll'], 2],
  ['cluster', 'RequestResponse', ['getMetricsURL', 'getClusterRoles', 'catchAll'], 1],
  ['cluster', 'None', ['getPodLogs', 'getPods']],

  ['nonResource', 'Metadata', ['catchAll']],
  ['nonResource', 'None', ['creates']],
  ['nonResource', 'Metadata', ['dana']],
  ['nonResource', 'Metadata', ['humans']],
  ['nonResource', 'None', ['serviceAccounts']],
  ['nonResource', 'None', ['getPods']],
  ['nonResource', 'None', ['getClusterRoles']],
  ['nonResource', 'RequestResponse', ['getLogsURL']],
  ['nonResource', 'None', ['getMetricsURL']],
  ['nonResource', 'Metadata', ['getMetricsURL', 'serviceAccounts', 'catchAll'], 2],
  ['nonResource', 'RequestResponse', ['getLogsURL', 'getClusterRoles', 'catchAll'], 0],
  ['nonResource', 'None', ['getPodLogs', 'getPods']],

  ['subresource', 'Request', ['getPodLogs', 'getPods'], 0],
  ['subresource', 'None', ['getPods']],
  ['subresource', 'Request', ['getAnything']],
  ['subresource', 'Request', ['getAnyLog']],
  ['subresource', 'Request', ['getPodSubresources']],

  ['anonymous', 'None', ['dana']],
  ['anonymous', 'Metadata', ['dana', 'catchAll'], 1],
  ['anonymous', 'None', ['humans']],
  ['anonymous', 'Metadata', ['humans', 'catchAll'], 1],
];

describe('checker matrix: first matching rule wins, no match is None', () => {
  for (const [req, level, names, index = 0] of MATRIX) {
    test(`${req} request with [${names.join(', ')}] → ${level}`, () => {
      const policy = policyOf(names.map((n) => RULES[n]));
      const decision = evaluatePolicy(policy, REQUESTS[req]);
      assert.equal(decision.level, level);
      assert.equal(decision.ruleIndex, level === 'None' ? null : index);
    });
  }
});

describe('omitStages', () => {
  const sorted = (stages: AuditStage[]) => [...stages].sort();
  const policyStages: AuditStage[] = ['RequestReceived', 'ResponseStarted'];

  test('a matching rule gives the union of the policy and rule stages, without duplicates', () => {
    const policy = policyOf([{ level: 'Request', omitStages: ['RequestReceived', 'Panic'] }], {
      omitStages: policyStages,
    });
    assert.deepEqual(sorted(evaluatePolicy(policy, REQUESTS.namespaced).omitStages), ['Panic', 'RequestReceived', 'ResponseStarted']);
  });
  test('a rule without stages inherits the policy stages', () => {
    const policy = policyOf([{ level: 'Request' }], { omitStages: policyStages });
    assert.deepEqual(sorted(evaluatePolicy(policy, REQUESTS.cluster).omitStages), sorted(policyStages));
  });
  test('rule stages apply without policy stages', () => {
    const policy = policyOf([{ level: 'Request', omitStages: ['RequestReceived', 'ResponseStarted', 'ResponseComplete'] }]);
    assert.deepEqual(sorted(evaluatePolicy(policy, REQUESTS.nonResource).omitStages), [
      'RequestReceived',
      'ResponseComplete',
      'ResponseStarted',
    ]);
  });
  test('stages come from the matched rule only, not from earlier non-matching ones', () => {
    const policy = policyOf([
      { level: 'RequestResponse', verbs: ['create'], omitStages: ['Panic'] },
      { level: 'Metadata', omitStages: ['RequestReceived'] },
    ]);
    const decision = evaluatePolicy(policy, REQUESTS.namespaced);
    assert.equal(decision.ruleIndex, 1);
    assert.deepEqual(decision.omitStages, ['RequestReceived']);
  });
  test('with no match, the policy stages are returned with level None', () => {
    const policy = policyOf([RULES.creates], { omitStages: policyStages });
    assert.deepEqual(evaluatePolicy(policy, REQUESTS.namespaced), {
      level: 'None',
      omitStages: policyStages,
      omitManagedFields: false,
      ruleIndex: null,
    });
  });
});

describe('omitManagedFields', () => {
  const cases: [string, boolean | undefined, boolean | undefined, boolean][] = [
    ['policy default false, rule silent', undefined, undefined, false],
    ['policy true, rule silent', true, undefined, true],
    ['policy true, rule overrides to false', true, false, false],
    ['policy false, rule overrides to true', false, true, true],
    ['policy silent, rule true', undefined, true, true],
  ];
  for (const [name, global, rule, want] of cases) {
    test(name, () => {
      const policy = policyOf(
        [{ level: 'RequestResponse', verbs: ['get'], ...(rule === undefined ? {} : { omitManagedFields: rule }) }],
        global === undefined ? {} : { omitManagedFields: global },
      );
      assert.equal(evaluatePolicy(policy, REQUESTS.namespaced).omitManagedFields, want);
    });
  }
  test('with no match, the policy default is returned', () => {
    const policy = policyOf([{ level: 'Metadata', verbs: ['create'], omitManagedFields: false }], {
      omitManagedFields: true,
    });
    assert.equal(evaluatePolicy(policy, REQUESTS.namespaced).omitManagedFields, true);
  });
});
