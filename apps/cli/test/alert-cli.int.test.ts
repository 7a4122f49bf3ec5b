import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { cliAgainst } from './support/run-cli';

let db: TestDatabase;
const { cli, json } = cliAgainst(() => db.url);
const dir = mkdtempSync(join(tmpdir(), 'kt-alert-cli-'));

// The secret comes from the environment, as the file says; the key seals it in the database.
process.env.SLACK_WEBHOOK_URL = 'https://hooks.slack.com/services/T000/B000/very-secret';
process.env.KUBETRAIL_SECRETS_KEY = randomBytes(32).toString('base64');

const FILE = `channels:
  - name: secops-slack
    kind: slack
    settings:
      url: \${SLACK_WEBHOOK_URL}
rules:
  - name: Command execution in containers
    query: 'verb: create and objectRef.subresource: exec'
    everyMinutes: 1
    condition: 'Event =~ ".*"'
    severity: high
    channels: [secops-slack]
  - name: Internet access failing
    query: '* | SELECT json_format(json_array_get(sourceIPs, 0)) AS ip, count(1) AS total FROM log GROUP BY ip HAVING count(1) >= 10'
    condition: 'Source IP address =~ ".*"'
    labels: { team: platform }
`;

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

before(async () => {
  db = await createTestDatabase('kt_cli_alerts');
  json('project', 'create', 'payments');
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

test('alert apply creates the channels and rules of a file, and applying it again changes nothing', () => {
  const file = write('alerts.yaml', FILE);
  const first = json('alert', 'apply', '--project', 'payments', '-f', file) as unknown as { type: string; name: string; result: string }[];
  assert.deepEqual(
    first.map((a) => [a.type, a.name, a.result]),
    [
      ['channel', 'secops-slack', 'created'],
      ['rule', 'Command execution in containers', 'created'],
      ['rule', 'Internet access failing', 'created'],
    ],
  );
  const second = json('alert', 'apply', '--project', 'payments', '-f', file) as unknown as { result: string }[];
  assert.deepEqual(
    second.map((a) => a.result),
    ['unchanged', 'unchanged', 'unchanged'],
  );
  const edited = json(
    'alert',
    'apply',
    '--project',
    'payments',
    '-f',
    write('edited.yaml', FILE.replace('severity: high', 'severity: critical')),
  ) as unknown as {
    name: string;
    result: string;
  }[];
  assert.deepEqual(
    edited.filter((a) => a.result !== 'unchanged').map((a) => a.name),
    ['Command execution in containers'],
  );

  const rules = json('alert', 'list', '--project', 'payments') as unknown as { name: string; severity: string; channels: string[] }[];
  assert.deepEqual(
    rules.map((r) => [r.name, r.severity, r.channels]),
    [
      ['Command execution in containers', 'critical', ['secops-slack']],
      ['Internet access failing', 'medium', []],
    ],
  );
  const listed = cli('alert', 'list', '--project', 'payments');
  assert.equal(listed.status, 0, listed.stderr);
  assert.ok(!listed.stdout.includes('very-secret'));
});

test('a file with an unknown field or a bad condition is refused with its line, and nothing is applied', () => {
  const typo = cli(
    'alert',
    'apply',
    '--project',
    'payments',
    '-f',
    write('typo.yaml', FILE.replace('everyMinutes: 1', 'everyMinuts: 1')),
    '--json',
  );
  assert.notEqual(typo.status, 0);
  assert.match(typo.stderr, /line 9: rules\[0\]\.everyMinuts: Unrecognized key/);
  const condition = cli(
    'alert',
    'apply',
    '--project',
    'payments',
    '-f',
    write('cond.yaml', FILE.replace(`'Event =~ ".*"'`, `'Event =~'`)),
    '--json',
  );
  assert.notEqual(condition.status, 0);
  assert.match(condition.stderr, /condition: line 1, column 9/);
  const missing = cli(
    'alert',
    'apply',
    '--project',
    'payments',
    '-f',
    write('env.yaml', FILE.replace('SLACK_WEBHOOK_URL', 'NO_SUCH_VARIABLE')),
    '--json',
  );
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /NO_SUCH_VARIABLE/);
});

test('alert test replays a rule; history lists its evaluations; detections list names the techniques', () => {
  const run = json('alert', 'test', '--project', 'payments', '--rule', 'Command execution in containers', '--since', '1h') as {
    windows: number;
    firing: unknown[];
  };
  // The whole minutes inside the last hour: 60 when it starts on a minute, else 59.
  assert.ok(run.windows === 59 || run.windows === 60, `${run.windows} windows`);
  assert.deepEqual(run.firing, []);
  assert.deepEqual(json('alert', 'history', '--project', 'payments'), []);
  const detections = json('detections', 'list') as unknown as { id: string; severity: string; technique: { id: string } }[];
  assert.ok(detections.length >= 30, `${detections.length} detections`);
  assert.ok(
    detections.every((d) => /^T\d{4}/.test(d.technique.id)),
    JSON.stringify(detections[0]),
  );
  const table = cli('detections', 'list');
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /exec-into-pod/);
});
