import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { userInfo } from 'node:os';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { cliAgainst } from './support/run-cli';

let db: TestDatabase;
const { cli, json } = cliAgainst(() => db.url);

before(async () => {
  db = await createTestDatabase('kt_cli_trail');
});
after(async () => {
  await db?.drop();
});

async function trail(): Promise<
  { actor: string; via: string; action: string; target_name: string | null; before: unknown; after: unknown }[]
> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query('SELECT actor, via, action, target_name, before, after FROM console_audit_log ORDER BY at, id')).rows;
  } finally {
    await client.end();
  }
}

test('changes made at the CLI enter the console audit trail under the OS user, secrets left out', async () => {
  json('project', 'create', 'payments');
  const created = json('cluster', 'create', '--project', 'payments', '--name', 'prod') as { token: string };
  json('cluster', 'disable', '--cluster', 'prod');
  const issued = json('cluster', 'token', 'create', '--cluster', 'prod') as { token: string; tokenId: string };
  json('cluster', 'token', 'revoke', '--cluster', 'prod', '--token-id', issued.tokenId);
  assert.notEqual(cli('cluster', 'disable', '--cluster', 'nope', '--json').status, 0);

  const rows = await trail();
  assert.deepEqual(
    rows.map((r) => r.action),
    ['project.create', 'cluster.create', 'cluster.disable-audit', 'token.issue', 'token.revoke'],
  );
  for (const r of rows) {
    assert.equal(r.actor, `cli:${userInfo().username}`);
    assert.equal(r.via, 'cli');
  }
  assert.deepEqual(rows[2]!.before, { auditEnabled: true });
  assert.deepEqual(rows[2]!.after, { auditEnabled: false });
  const everything = JSON.stringify(rows);
  assert.ok(!everything.includes(created.token), 'the token secret must not be recorded');
  assert.ok(!everything.includes(issued.token), 'the token secret must not be recorded');
});
