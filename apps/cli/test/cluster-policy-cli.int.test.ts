import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { cliAgainst } from './support/run-cli';
import { PRESETS } from '@kubetrail/policy';

let db: TestDatabase;
const { cli, json } = cliAgainst(() => db.url);

before(async () => {
  db = await createTestDatabase('kt_cli_policy');
  json('project', 'create', 'payments');
});
after(async () => {
  await db?.drop();
});

test('cluster create starts with the ACK preset unless another is chosen', () => {
  json('cluster', 'create', '--project', 'payments', '--name', 'prod');
  assert.equal(json('cluster', 'policy', 'get', '--cluster', 'prod').source, PRESETS.ack);
  json('cluster', 'create', '--project', 'payments', '--name', 'edge', '--policy-preset', 'tke');
  assert.equal(json('cluster', 'policy', 'get', '--cluster', 'edge').source, PRESETS.tke);
  json('cluster', 'create', '--project', 'payments', '--name', 'raw', '--policy-preset', 'none');
  const none = cli('cluster', 'policy', 'get', '--cluster', 'raw', '--json');
  assert.notEqual(none.status, 0);
  assert.match(none.stderr, /NOT_FOUND.*sends every event|no audit policy/);
  const bad = cli('cluster', 'create', '--project', 'payments', '--name', 'x', '--policy-preset', 'gke', '--json');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /gke/);
});

test('cluster policy set --preset switches presets and bumps the version', () => {
  const set = json('cluster', 'policy', 'set', '--cluster', 'prod', '--preset', 'tke');
  assert.equal(set.version, 2);
  assert.equal(set.source, PRESETS.tke);
  const both = cli('cluster', 'policy', 'set', '--cluster', 'prod', '--preset', 'ack', '--file', '/dev/null', '--json');
  assert.notEqual(both.status, 0);
  assert.match(both.stderr, /exactly one of --file or --preset/);
  const unknown = cli('cluster', 'policy', 'set', '--cluster', 'prod', '--preset', 'gke', '--json');
  assert.match(unknown.stderr, /unknown policy preset \\"gke\\"/);
});
