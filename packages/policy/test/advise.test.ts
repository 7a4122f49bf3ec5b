import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advisePolicy, parsePolicy, PRESETS } from '../src/index';

const policy = (rules: string, top = 'omitStages: ["RequestReceived"]\n') =>
  parsePolicy(`apiVersion: audit.k8s.io/v1\nkind: Policy\n${top}rules:\n${rules}`);
const codes = (src: ReturnType<typeof policy>) => advisePolicy(src).map((a) => `${a.code}@${a.rule}`);

test('the presets: ACK has no advice; TKE keeps RequestReceived as its documentation says', () => {
  assert.deepEqual(advisePolicy(parsePolicy(PRESETS.ack)), []);
  assert.deepEqual(
    advisePolicy(parsePolicy(PRESETS.tke)).map((a) => a.code),
    ['request-received-kept'],
  );
});

test('a rule every request of which an earlier rule already takes is reported, with both lines', () => {
  const p = policy(`  - level: Metadata
    resources: [{ group: "", resources: ["pods/*"] }]
  - level: RequestResponse
    verbs: ["get"]
    resources: [{ group: "", resources: ["pods", "pods/log"] }]
  - level: None
    users: ["system:kube-proxy"]
  - level: Request
    users: ["system:kube-proxy", "bob"]
  - level: Metadata
    nonResourceURLs: ["/healthz*"]
  - level: None
    nonResourceURLs: ["/healthz/ready"]
  - level: Metadata
`);
  const advice = advisePolicy(p);
  assert.deepEqual(codes(p), ['shadowed-rule@1', 'secret-data-logged@3', 'shadowed-rule@5']);
  assert.match(advice[0]!.message, /rules\[1\] never matches: rules\[0\] \(line 5\)/);
  assert.equal(advice[0]!.line, 7);
});

test('partial overlaps are not reported', () => {
  const p = policy(`  - level: Metadata
    verbs: ["get"]
    resources: [{ group: "", resources: ["pods"] }]
  - level: Request
    resources: [{ group: "", resources: ["pods"] }]
  - level: Metadata
    namespaces: ["prod"]
  - level: Request
    resources: [{ group: "", resources: ["configmaps"], resourceNames: ["a"] }]
  - level: None
    resources: [{ group: "", resources: ["configmaps"] }]
`);
  assert.deepEqual(codes(p), []);
});

test('Secrets logged at Request or RequestResponse are reported, unless an earlier rule takes every Secret', () => {
  assert.deepEqual(codes(policy('  - level: RequestResponse\n    verbs: ["get", "list"]\n')), ['secret-data-logged@0']);
  assert.deepEqual(
    codes(policy('  - level: Metadata\n    resources: [{ group: "", resources: ["secrets"] }]\n  - level: RequestResponse\n')),
    [],
  );
  assert.deepEqual(codes(policy('  - level: Request\n    resources: [{ group: "apps" }]\n')), [], 'no Secrets in the apps group');
});

test('keeping RequestReceived is pointed out once, at the first rule that keeps it', () => {
  assert.deepEqual(codes(policy('  - level: None\n    users: ["x"]\n  - level: Metadata\n', '')), ['request-received-kept@1']);
  assert.deepEqual(codes(policy('  - level: Metadata\n    omitStages: ["RequestReceived"]\n', '')), []);
});
