import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { PolicyError, PRESETS, parsePolicy } from '@kubetrail/policy';
import { installFiles } from '../src/index';
import { fileOf, target, yamlDoc } from './helpers';

const policyFile = (policyYaml: string) => fileOf('audit-policy', { policyYaml });

describe('audit policy file', () => {
  for (const [preset, source] of Object.entries(PRESETS)) {
    test(`keeps the ${preset} preset's meaning and comments`, () => {
      const f = policyFile(source);
      assert.equal(f.filename, 'audit-policy.yml');
      assert.deepEqual(yamlDoc(f.content), parse(source));
      parsePolicy(f.content);
      const comments = (text: string) =>
        text
          .split('\n')
          .filter((l) => /^\s*#/.test(l))
          .map((l) => l.trim());
      for (const comment of comments(source)) assert.ok(comments(f.content).includes(comment), comment);
    });
  }

  test('starts with where to put it', () => {
    const lines = policyFile(PRESETS.tke).content.split('\n');
    assert.match(lines[0]!, /^# Audit policy of cluster "prod-eu" \(c-abcdefghij23\)\.$/);
    assert.ok(lines.slice(0, 4).some((l) => l.includes('/etc/kubernetes/audit-policy.yml')));
  });

  test('JSON becomes block YAML with the same meaning', () => {
    const policy = {
      apiVersion: 'audit.k8s.io/v1',
      kind: 'Policy',
      omitStages: ['RequestReceived'],
      rules: [{ level: 'Metadata', verbs: ['get'] }],
    };
    const content = policyFile(JSON.stringify(policy)).content;
    assert.deepEqual(yamlDoc(content), policy);
    assert.doesNotMatch(content, /[{}[\]]/);
    assert.match(content, /^rules:\n {2}- level: Metadata$/m);
  });

  test('normalizes layout and quoting', () => {
    const content = policyFile("apiVersion:   audit.k8s.io/v1\nkind: 'Policy'\nrules:\n-   level: None\n    users: [ yes ]\n").content;
    assert.match(content, /^kind: Policy$/m);
    assert.match(content, /^ {2}- level: None$/m);
    // `yes` is a user name here; Go's YAML 1.1 parser in kube-apiserver would read a plain yes as true.
    assert.match(content, /users: \["yes"\]/);
  });

  test('an invalid policy throws PolicyError (kube-apiserver would not start with it)', () => {
    for (const policyYaml of ['apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Loud\n', 'rules: [', '']) {
      assert.throws(() => installFiles(target({ policyYaml })), PolicyError, JSON.stringify(policyYaml));
    }
  });
});
