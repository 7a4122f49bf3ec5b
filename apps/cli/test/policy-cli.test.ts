import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/kubetrail.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kt-policy-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const cli = (args: string[], input = '') => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });

const POLICY = file(
  'policy.yaml',
  `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: None
    users: ["system:kube-proxy"]
  - level: Metadata
    resources:
      - group: ""
        resources: ["secrets"]
  - level: RequestResponse
    verbs: ["create"]
`,
);

const event = (over: Record<string, unknown>) => ({
  level: 'RequestResponse',
  auditID: 'a-1',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/prod/secrets/db',
  verb: 'get',
  user: { username: 'alice@example.com', groups: ['devs'] },
  objectRef: { resource: 'secrets', namespace: 'prod', name: 'db', apiVersion: 'v1' },
  requestObject: { kind: 'Secret' },
  responseObject: { kind: 'Secret', data: { password: 'c2VjcmV0' } },
  requestReceivedTimestamp: '2026-11-23T10:00:00.000000Z',
  stageTimestamp: '2026-11-23T10:00:00.100000Z',
  ...over,
});
const ndjson = (...events: object[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

test('policy lint: exit 0 when valid; otherwise each problem with its line and field', () => {
  const ok = cli(['policy', 'lint', POLICY, '--json']);
  assert.equal(ok.status, 0, ok.stderr);
  const report = JSON.parse(ok.stdout) as { valid: boolean; warnings: unknown[] };
  assert.deepEqual(report, { file: POLICY, valid: true, warnings: [] }, 'Secrets are caught at Metadata before the RequestResponse rule');
  const risky = cli([
    'policy',
    'lint',
    file('risky.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: RequestResponse\n'),
  ]);
  assert.equal(risky.status, 0, 'warnings do not fail the lint');
  assert.match(risky.stderr, /risky\.yaml:4: warning: rules\[0\] can log Secrets at level RequestResponse.*\[secret-data-logged\]/);
  assert.match(risky.stderr, /risky\.yaml:4: warning: rules\[0\] keeps the RequestReceived stage/);
  const bad = cli([
    'policy',
    'lint',
    file('bad.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Verbose\n    verbz: [get]\n'),
    '--json',
  ]);
  assert.notEqual(bad.status, 0);
  const error = JSON.parse(bad.stderr.trim().split('\n').pop()!) as { error: { code: string; message: string } };
  assert.equal(error.error.code, 'BAD_REQUEST');
  assert.match(error.error.message, /line 4, column \d+: rules\[0\]\.level: unknown level "Verbose"/);
  assert.match(error.error.message, /line 5, column \d+: rules\[0\]\.verbz: unknown field/);
});

test('policy eval: one line per input event with the level and omitted stages', () => {
  const out = cli(
    ['policy', 'eval', '--policy', POLICY],
    ndjson(
      event({}),
      event({ auditID: 'a-2', user: { username: 'system:kube-proxy' }, verb: 'watch', objectRef: { resource: 'endpoints' } }),
      event({ auditID: 'a-3', verb: 'create', objectRef: { resource: 'configmaps', namespace: 'prod' } }),
      event({ auditID: 'a-4', verb: 'list', objectRef: { resource: 'pods', namespace: 'prod' } }),
    ),
  );
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual(
    out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
    [
      { auditID: 'a-1', stage: 'ResponseComplete', level: 'Metadata', omitStages: ['RequestReceived'] },
      { auditID: 'a-2', stage: 'ResponseComplete', level: 'None', omitStages: ['RequestReceived'] },
      { auditID: 'a-3', stage: 'ResponseComplete', level: 'RequestResponse', omitStages: ['RequestReceived'] },
      { auditID: 'a-4', stage: 'ResponseComplete', level: 'None', omitStages: ['RequestReceived'] },
    ],
  );
});

test('policy apply: keeps what the policy keeps, trimmed, never raising a level; bad lines fail the run', () => {
  const out = cli(
    ['policy', 'apply', '--policy', POLICY],
    ndjson(
      event({}),
      event({ auditID: 'a-2', stage: 'RequestReceived' }),
      event({
        auditID: 'a-3',
        verb: 'create',
        level: 'Metadata',
        requestObject: undefined,
        responseObject: undefined,
        objectRef: { resource: 'configmaps' },
      }),
    ) + 'not json\n',
  );
  assert.notEqual(out.status, 0, 'a line that is not an event fails the run');
  const lines = out.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 3);
  assert.equal(lines[0]!.level, 'Metadata');
  assert.equal(lines[0]!.responseObject, undefined, 'Secrets trimmed to Metadata');
  assert.equal(lines[1]!.level, 'Metadata', 'a Metadata event under a RequestResponse rule stays Metadata');
  assert.deepEqual(lines[2], { line: 4, error: lines[2]!.error });
});
