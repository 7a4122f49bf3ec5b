import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintPolicy } from '../src/index';
import { assertIssue, HEADER } from './issues';

describe('required fields and document shape', () => {
  test('apiVersion is required', () => {
    assertIssue('kind: Policy\nrules:\n  - level: None\n', {
      line: 1,
      column: 1,
      field: 'apiVersion',
      message: /required/,
    });
  });
  test('only audit.k8s.io/v1 and v1beta1 are accepted', () => {
    assertIssue(`apiVersion: audit.k8s.io/v1alpha1\nkind: Policy\nrules:\n  - level: None\n`, {
      line: 1,
      column: 13,
      field: 'apiVersion',
      message: /unknown apiVersion "audit.k8s.io\/v1alpha1".*audit.k8s.io\/v1 or audit.k8s.io\/v1beta1/,
    });
  });
  test('kind is required and must be Policy', () => {
    assertIssue('apiVersion: audit.k8s.io/v1\nrules:\n  - level: None\n', {
      line: 1,
      field: 'kind',
      message: /required/,
    });
    assertIssue('apiVersion: audit.k8s.io/v1\nkind: PolicyList\nrules:\n  - level: None\n', {
      line: 2,
      column: 7,
      field: 'kind',
      message: /must be "Policy", got "PolicyList"/,
    });
  });
  test('a rule needs a level; the issue points at the rule', () => {
    assertIssue(`${HEADER}rules:\n  - level: Metadata\n  - verbs: [get]\n`, {
      line: 5,
      column: 5,
      field: 'rules[1].level',
      message: /required field is missing/,
    });
  });
  test('a level key without a value counts as missing', () => {
    assertIssue(`${HEADER}rules:\n  - level:\n    verbs: [get]\n`, {
      line: 4,
      column: 5,
      field: 'rules[0].level',
      message: /required/,
    });
  });
  test('an empty level string is rejected', () => {
    assertIssue(`${HEADER}rules:\n  - level: ""\n`, { line: 4, field: 'rules[0].level', message: /must not be empty/ });
  });
  test('rules are required and must not be empty', () => {
    assertIssue(HEADER, { line: 1, field: 'rules', message: /required/ });
    assertIssue(`${HEADER}rules: []\n`, { line: 3, column: 8, field: 'rules', message: /at least one rule/ });
  });
  test('an empty source and a non-mapping document are rejected', () => {
    assertIssue('', { line: 1, column: 1, field: '', message: /empty/ });
    assertIssue('# only a comment\n', { line: 1, field: '', message: /empty/ });
    assertIssue('- level: None\n', { line: 1, column: 1, field: '', message: /must be a mapping, got a list/ });
  });
  test('a null rule is rejected', () => {
    assertIssue(`${HEADER}rules:\n  - level: None\n  -\n`, {
      line: 5,
      field: 'rules[1]',
      message: /must not be empty/,
    });
  });
});

describe('unknown fields, at any depth', () => {
  test('top level, with a suggestion', () => {
    assertIssue(`${HEADER}rule:\n  - level: None\nrules:\n  - level: None\n`, {
      line: 3,
      column: 1,
      field: 'rule',
      message: /unknown field "rule" \(did you mean "rules"\?\)/,
    });
  });
  test('in a rule', () => {
    assertIssue(`${HEADER}rules:\n  - level: None\n    nonResourceUrls: [/healthz]\n`, {
      line: 5,
      column: 5,
      field: 'rules[0].nonResourceUrls',
      message: /unknown field "nonResourceUrls" \(did you mean "nonResourceURLs"\?\)/,
    });
  });
  test('in a group-resources entry', () => {
    assertIssue(`${HEADER}rules:\n  - level: None\n    resources:\n      - group: apps\n        resourceName: [web]\n`, {
      line: 7,
      column: 9,
      field: 'rules[0].resources[0].resourceName',
      message: /unknown field "resourceName"/,
    });
  });
  test('in metadata', () => {
    assertIssue(`${HEADER}metadata:\n  nmae: x\nrules:\n  - level: None\n`, {
      line: 4,
      column: 3,
      field: 'metadata.nmae',
      message: /unknown field/,
    });
  });
});

describe('wrong types', () => {
  const cases: [string, string, number, number, string, RegExp][] = [
    ['a string where a list goes', '  - level: None\n    users: alice\n', 5, 12, 'rules[0].users', /must be a list, got string "alice"/],
    ['a number in a string list', '  - level: None\n    verbs: [get, 1]\n', 5, 18, 'rules[0].verbs[1]', /must be a string, got number 1/],
    [
      'a string where a boolean goes',
      '  - level: None\n    omitManagedFields: "true"\n',
      5,
      24,
      'rules[0].omitManagedFields',
      /must be a boolean/,
    ],
    [
      'a mapping where a list goes',
      '  - level: None\n    resources:\n      group: apps\n',
      6,
      7,
      'rules[0].resources',
      /must be a list, got a mapping/,
    ],
    [
      'a list where a mapping goes',
      '  - level: None\n    resources:\n      - [apps]\n',
      6,
      9,
      'rules[0].resources[0]',
      /must be a mapping, got a list/,
    ],
    ['a boolean level', '  - level: true\n', 4, 12, 'rules[0].level', /must be a string, got boolean true/],
  ];
  for (const [name, body, line, column, field, message] of cases) {
    test(name, () => assertIssue(`${HEADER}rules:\n${body}`, { line, column, field, message }));
  }
  test('rules given as a mapping', () => {
    assertIssue(`${HEADER}rules:\n  level: None\n`, { line: 4, column: 3, field: 'rules', message: /must be a list/ });
  });
  test('wrong types in JSON are located too', () => {
    const source =
      '{\n  "apiVersion": "audit.k8s.io/v1",\n  "kind": "Policy",\n  "rules": [\n    { "level": "None", "users": "bob" }\n  ]\n}\n';
    assertIssue(source, { line: 5, column: 33, field: 'rules[0].users', message: /must be a list/ });
  });
});

describe('semantic checks kube-apiserver makes', () => {
  test('unknown stage in a rule', () => {
    assertIssue(`${HEADER}rules:\n  - level: None\n    omitStages: [RequestReceived, ResponseDone]\n`, {
      line: 5,
      column: 35,
      field: 'rules[0].omitStages[1]',
      message: /unknown stage "ResponseDone"/,
    });
  });
  test('unknown stage at policy level', () => {
    assertIssue(`${HEADER}omitStages:\n  - requestReceived\nrules:\n  - level: None\n`, {
      line: 4,
      column: 5,
      field: 'omitStages[0]',
      message: /unknown stage "requestReceived"/,
    });
  });
  test('a rule cannot select resources and non-resource URLs', () => {
    assertIssue(`${HEADER}rules:\n  - level: None\n    namespaces: [default]\n    nonResourceURLs: [/healthz]\n`, {
      line: 6,
      field: 'rules[0].nonResourceURLs',
      message: /cannot select both/,
    });
  });
  test('non-resource URLs start with "/" and allow "*" only at the end', () => {
    assertIssue(`${HEADER}rules:\n  - level: None\n    nonResourceURLs: [healthz]\n`, {
      line: 5,
      field: 'rules[0].nonResourceURLs[0]',
      message: /must begin with "\/"/,
    });
    assertIssue(`${HEADER}rules:\n  - level: None\n    nonResourceURLs: ["/api/*/x"]\n`, {
      line: 5,
      field: 'rules[0].nonResourceURLs[0]',
      message: /only allowed as the last/,
    });
    assert.deepEqual(lintPolicy(`${HEADER}rules:\n  - level: None\n    nonResourceURLs: ["*", "/metrics", "/logs*"]\n`), []);
  });
  test('resourceNames need resources', () => {
    assertIssue(`${HEADER}rules:\n  - level: None\n    resources:\n      - group: apps\n        resourceNames: [web]\n`, {
      line: 7,
      field: 'rules[0].resources[0].resourceNames',
      message: /needs at least one entry in resources/,
    });
  });
  test('a group must be a group name, not group/version', () => {
    assertIssue(`${HEADER}rules:\n  - level: None\n    resources:\n      - group: apps/v1\n`, {
      line: 6,
      column: 16,
      field: 'rules[0].resources[0].group',
      message: /not an API group name/,
    });
  });
});
