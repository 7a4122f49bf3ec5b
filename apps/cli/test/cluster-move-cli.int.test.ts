import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { batchJobFor, PartitionCache, storeBatch } from '@kubetrail/core';
import { createPool } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { cliAgainst } from './support/run-cli';

let db: TestDatabase;
const { cli, json } = cliAgainst(() => db.url);
let prodId = '';
let payments = '';
let search = '';

const now = Date.now();
const event = (i: number) => {
  const ts = new Date(now - (i + 1) * 60_000).toISOString();
  return {
    kind: 'Event' as const,
    apiVersion: 'audit.k8s.io/v1' as const,
    level: 'Metadata' as const,
    auditID: `m-${i}`,
    stage: 'ResponseComplete' as const,
    requestURI: '/api/v1/namespaces/default/pods',
    verb: 'list',
    user: { username: 'alice@example.com', groups: ['system:authenticated'] },
    sourceIPs: ['10.0.0.7'],
    objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' },
    responseStatus: { code: 200 },
    requestReceivedTimestamp: ts,
    stageTimestamp: ts,
  };
};

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

before(async () => {
  db = await createTestDatabase('kt_cli_move');
  payments = String(json('project', 'create', 'payments').id);
  search = String(json('project', 'create', 'search-team').id);
  prodId = String(json('cluster', 'create', '--project', 'payments', '--name', 'prod', '--policy-preset', 'none').id);
  json('cluster', 'create', '--project', 'search-team', '--name', 'staging', '--policy-preset', 'none');
  json('cluster', 'create', '--project', 'payments', '--name', 'staging', '--policy-preset', 'none');
  const pool = createPool(db.url, 2);
  const { job, rows } = batchJobFor(prodId, [event(0), event(1), event(2)], { batchId: 'cli-move-1' });
  await storeBatch(pool, new PartitionCache(), job, rows);
  await pool.end();
});
after(async () => {
  await db?.drop();
});

const totalIn = (project: string) => json('query', '--project', project, '--cluster', prodId, '--since', '1d', '*').total;

test('kubetrail cluster move takes the events along: the old project no longer finds them, the new one does', async () => {
  assert.equal(totalIn('payments'), 3);
  assert.notEqual(cli('query', '--project', 'search-team', '--cluster', prodId, '--since', '1d', '*', '--json').status, 0);

  const moved = json('cluster', 'move', '--cluster', 'prod', '--project', 'search-team');
  assert.equal(moved.id, prodId);
  assert.equal(moved.name, 'prod');
  assert.equal(moved.projectId, search);

  const old = cli('query', '--project', 'payments', '--cluster', prodId, '--since', '1d', '*', '--json');
  assert.notEqual(old.status, 0, old.stdout);
  assert.equal((JSON.parse(old.stderr) as { error: { code: string } }).error.code, 'NOT_FOUND');
  assert.equal(json('query', '--project', 'payments', '--since', '1d', '*').total, 0);
  assert.equal(totalIn('search-team'), 3);

  // Recorded once in each project's trail.
  const trail = await sql<{ project_id: string; action: string; target_id: string; before: unknown; after: unknown }>(
    `SELECT project_id, action, target_id, before, after FROM console_audit_log WHERE action = 'cluster.move' ORDER BY project_id`,
  );
  assert.deepEqual(
    trail.map((r) => r.project_id),
    [payments, search].sort(),
  );
  for (const r of trail) {
    assert.equal(r.target_id, prodId);
    assert.deepEqual(r.before, { projectId: payments });
    assert.deepEqual(r.after, { projectId: search });
  }
});

test('kubetrail cluster move refuses a clashing name, the same project and an unknown one, changing nothing', () => {
  const refused = (project: string, cluster = 'prod') => {
    const r = cli('cluster', 'move', '--cluster', cluster, '--project', project, '--json');
    assert.notEqual(r.status, 0, r.stdout);
    return (JSON.parse(r.stderr) as { error: { code: string; message: string } }).error;
  };
  assert.equal(refused('search-team').code, 'BAD_REQUEST');
  assert.equal(refused('nowhere').code, 'NOT_FOUND');
  // `staging` exists in both projects: the name is ambiguous, the id is not.
  const staging = json('cluster', 'list', '--project', 'search-team') as unknown as { id: string; name: string }[];
  const theirs = staging.find((c) => c.name === 'staging')!;
  const clash = refused('payments', theirs.id);
  assert.equal(clash.code, 'CONFLICT');
  assert.match(clash.message, /project payments already has a cluster named "staging"/);
  assert.equal(totalIn('search-team'), 3);
});
