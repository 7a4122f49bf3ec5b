import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { addDays, ensureDayPartitions, listDayPartitions, createPool, utcDay } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { cliAgainst } from './support/run-cli';

let db: TestDatabase;
const { cli, json } = cliAgainst(() => db.url);

before(async () => {
  db = await createTestDatabase('kt_cli_retention');
});
after(async () => {
  await db?.drop();
});

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test('retention set prints the cluster, records the change, and refuses bad values', async () => {
  json('project', 'create', 'payments');
  const created = json('cluster', 'create', '--project', 'payments', '--name', 'prod') as { id: string; retentionDays: number };
  assert.equal(created.retentionDays, 30);

  const set = json('cluster', 'retention', 'set', '--cluster', 'prod', '--days', '7');
  assert.equal(set.id, created.id);
  assert.equal(set.name, 'prod');
  assert.equal(set.retentionDays, 7);

  const human = cli('cluster', 'retention', 'set', '--cluster', created.id, '--days', '14');
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /^retentionDays: 14$/m);

  for (const days of ['0', '3651', '1.5']) {
    const r = cli('cluster', 'retention', 'set', '--cluster', 'prod', '--days', days, '--json');
    assert.equal(r.status, 2, r.stderr);
    const error = (JSON.parse(r.stderr) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'BAD_REQUEST');
    assert.equal(error.message, `retention must be a whole number of days from 1 to 3650, not ${days}`);
  }
  const words = cli('cluster', 'retention', 'set', '--cluster', 'prod', '--days', 'week');
  assert.equal(words.status, 2);
  assert.equal(words.stderr, 'kubetrail: --days must be a number of days, not "week"\n');
  const unknown = cli('cluster', 'retention', 'set', '--cluster', 'nope', '--days', '7');
  assert.equal(unknown.status, 3);
  assert.equal(unknown.stderr, 'kubetrail: no cluster "nope"\n');

  const trail = await sql<{ action: string; target_name: string; before: unknown; after: unknown }>(
    `SELECT action, target_name, before, after FROM console_audit_log WHERE action = 'cluster.set-retention' ORDER BY at, id`,
  );
  assert.deepEqual(trail, [
    { action: 'cluster.set-retention', target_name: 'prod', before: { retentionDays: 30 }, after: { retentionDays: 7 } },
    { action: 'cluster.set-retention', target_name: 'prod', before: { retentionDays: 7 }, after: { retentionDays: 14 } },
  ]);
  assert.equal((await sql<{ r: number }>('SELECT retention_days AS r FROM clusters WHERE id = $1', [created.id]))[0]!.r, 14);
});

test('retention run prints what it dropped, and nothing the second time', async () => {
  const staging = json('cluster', 'create', '--project', 'payments', '--name', 'staging') as { id: string };
  const prod = (await sql<{ id: string }>(`SELECT id FROM clusters WHERE name = 'prod'`))[0]!.id;
  const today = utcDay(new Date());
  const old = [addDays(today, -20), addDays(today, -16)];
  const pool = createPool(db.url, 2);
  try {
    for (const id of [prod, staging.id]) await ensureDayPartitions(pool, id, old);
    await pool.query(
      `INSERT INTO audit_events_hourly (cluster_id, hour, verb, api_group, resource, subresource, namespace, username, user_kind, status_code, events)
                      VALUES ($1, $2, 'get', '', 'pods', '', 'default', 'alice', 'user', 200, 3)`,
      [prod, `${old[0]}T05:00:00Z`],
    );

    const r = json('retention', 'run', '--cluster', 'prod') as unknown as {
      clusterId: string;
      droppedDays: string[];
      retentionDays: number;
      rollupRowsDeleted: number;
    }[];
    assert.equal(r.length, 1);
    assert.equal(r[0]!.clusterId, prod);
    assert.equal(r[0]!.retentionDays, 14);
    assert.deepEqual(r[0]!.droppedDays, old);
    assert.equal(r[0]!.rollupRowsDeleted, 1);
    assert.deepEqual((await listDayPartitions(pool, staging.id)).slice(0, 2), old, 'another cluster is untouched');

    const human = cli('retention', 'run');
    assert.equal(human.status, 0, human.stderr);
    assert.match(human.stdout, /clusterName: prod\n[\s\S]*droppedDays: \(none\)/);
    assert.match(human.stdout, /clusterName: staging\n[\s\S]*droppedDays: /);
    assert.deepEqual(json('retention', 'run', '--cluster', 'staging'), [
      {
        clusterId: staging.id,
        clusterName: 'staging',
        retentionDays: 30,
        keptFrom: addDays(today, -30),
        droppedDays: [],
        rollupRowsDeleted: 0,
      },
    ] as unknown as Record<string, unknown>);
    assert.deepEqual((await listDayPartitions(pool, staging.id)).slice(0, 2), old);
  } finally {
    await pool.end();
  }
  const missing = cli('retention', 'run', '--cluster', 'nope', '--json');
  assert.equal(missing.status, 3);
  assert.deepEqual(JSON.parse(missing.stderr), { error: { code: 'NOT_FOUND', message: 'no cluster "nope"' } });
});
