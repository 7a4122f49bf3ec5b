import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePolicy, lintPolicy, parsePolicy, PolicyError } from '../src/index';
import { REQUESTS } from './helpers';
import { assertIssue, HEADER } from './issues';

describe('accepted sources', () => {
  test('YAML v1 with policy-level settings compiles every rule in order, remembering where each starts', () => {
    const policy = parsePolicy(`${HEADER}metadata:
  name: team-default
  labels: { owner: platform }
omitStages: [RequestReceived]
omitManagedFields: true
rules:
  - level: None
    users: ["system:kube-proxy"]
  - level: Metadata
`);
    assert.equal(policy.apiVersion, 'audit.k8s.io/v1');
    assert.deepEqual(policy.omitStages, ['RequestReceived']);
    assert.equal(policy.omitManagedFields, true);
    assert.deepEqual(
      policy.rules.map((r) => [r.level, r.line]),
      [
        ['None', 9],
        ['Metadata', 11],
      ],
    );
  });

  test('audit.k8s.io/v1beta1 is accepted and evaluates the same way', () => {
    const policy = parsePolicy('apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n  - level: Request\n    verbs: [get]\n');
    assert.equal(policy.apiVersion, 'audit.k8s.io/v1beta1');
    assert.equal(evaluatePolicy(policy, REQUESTS.namespaced).level, 'Request');
  });

  test('JSON, tab-indented, is accepted', () => {
    const source =
      '{\n\t"apiVersion": "audit.k8s.io/v1",\n\t"kind": "Policy",\n\t"rules": [\n\t\t{ "level": "Metadata", "resources": [{ "group": "", "resources": ["secrets"] }] }\n\t]\n}\n';
    assert.deepEqual(lintPolicy(source), []);
    assert.equal(evaluatePolicy(parsePolicy(source), { ...REQUESTS.namespaced, resource: 'secrets' }).level, 'Metadata');
  });

  test('anchors and aliases are followed', () => {
    const policy = parsePolicy(`${HEADER}rules:
  - level: Request
    verbs: [get]
    resources: &core
      - group: ""
        resources: [pods]
  - level: Metadata
    resources: *core
`);
    assert.equal(evaluatePolicy(policy, { ...REQUESTS.namespaced, verb: 'delete' }).level, 'Metadata');
  });

  test('an empty group (group: with no value) is the core group, as when omitted', () => {
    const policy = parsePolicy(`${HEADER}rules:\n  - level: Request\n    resources:\n      - group:\n        resources: [pods]\n`);
    assert.equal(evaluatePolicy(policy, REQUESTS.namespaced).level, 'Request');
  });
});

describe('PolicyError', () => {
  const source = `${HEADER}# platform team defaults
rules:
  - level: None
    users: [a]
  - level: Metadata
    verbs: [get]
  - level: Verbose
    verbs: [list]
`;

  test('parsePolicy throws a PolicyError naming line, column and field', () => {
    assert.throws(
      () => parsePolicy(source),
      (error: unknown) => {
        assert.ok(error instanceof PolicyError);
        assert.ok(error instanceof Error);
        assert.deepEqual(error.issues, [
          {
            line: 9,
            column: 12,
            field: 'rules[2].level',
            message: 'unknown level "Verbose" (want None, Metadata, Request or RequestResponse)',
          },
        ]);
        assert.match(error.message, /line 9, column 12: rules\[2\]\.level: unknown level "Verbose"/);
        return true;
      },
    );
  });

  test('lintPolicy returns the same issues, and [] for a valid policy', () => {
    assert.deepEqual(
      lintPolicy(source),
      (() => {
        try {
          parsePolicy(source);
        } catch (error) {
          return (error as PolicyError).issues;
        }
        return [];
      })(),
    );
    assert.deepEqual(lintPolicy(`${HEADER}rules:\n  - level: Metadata\n`), []);
  });

  test('every problem is reported, in source order', () => {
    const issues = lintPolicy(`apiVersion: audit.k8s.io/v2
kind: Policy
omitStages: [Done]
rules:
  - level: Verbose
  - lvel: None
`);
    assert.deepEqual(
      issues.map((i) => [i.line, i.field]),
      [
        [1, 'apiVersion'],
        [3, 'omitStages[0]'],
        [5, 'rules[0].level'],
        [6, 'rules[1].lvel'],
        [6, 'rules[1].level'],
      ],
    );
  });
});

describe('YAML syntax errors', () => {
  test('an unclosed flow sequence', () => {
    const issues = lintPolicy(`${HEADER}rules:\n  - level: None\n    verbs: [get\n`);
    assert.ok(issues.length > 0);
    assert.equal(issues[0]?.line, 6);
    assert.match(issues[0]?.field ?? '', /^rules\[0\]\.verbs/);
  });
  test('a duplicate key names the mapping it is in', () => {
    assertIssue(`${HEADER}rules:\n  - level: None\n    level: Metadata\n`, {
      line: 5,
      column: 5,
      field: 'rules[0].level',
      message: /unique/,
    });
  });
  test('a tab used for indentation', () => {
    const issues = lintPolicy(`${HEADER}rules:\n\t- level: None\n`);
    assert.ok(issues.length > 0);
    assert.equal(issues[0]?.line, 4);
  });
  test('several documents in one source', () => {
    const issues = lintPolicy(`${HEADER}rules:\n  - level: None\n---\n${HEADER}rules:\n  - level: None\n`);
    assert.ok(issues.some((i) => /multiple documents/.test(i.message)));
  });
  test('bad JSON', () => {
    const issues = lintPolicy('{\n  "apiVersion": "audit.k8s.io/v1",\n  "kind": "Policy"\n  "rules": []\n}\n');
    assert.ok(issues.length > 0);
    assert.ok(issues.every((i) => i.line >= 3));
  });
});
