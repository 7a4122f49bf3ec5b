import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';
import {
  clusterPartitionName,
  createPool,
  ensureClusterPartition,
  ensureDayPartitions,
  QueryTimeoutError,
  runScopedQuery,
  utcDay,
  type Pool,
} from '../src/index';

let db: TestDatabase;
let pool: Pool;
const LIMITS = { timeoutMs: 5_000, maxRows: 1_000 };
const now = new Date();

async function addCluster(projectId: string, clusterId: string, events: number) {
  await pool.query('INSERT INTO clusters (id, project_id, name, retention_days) VALUES ($1, $2, $1, 30)', [clusterId, projectId]);
  await ensureClusterPartition(pool, clusterId);
  await ensureDayPartitions(pool, clusterId, [utcDay(now)]);
  await pool.query(
    `INSERT INTO audit_events (cluster_id, ts, request_received_at, audit_id, stage, level, verb, request_uri, user_kind, event, event_bytes, batch_id)
     SELECT $1, $2, $2, $1 || '-' || i, 'ResponseComplete', 'Metadata', 'get', '/api', 'human', '{}'::jsonb, 2, 'b'
     FROM generate_series(1, $3::int) AS i`,
    [clusterId, now, events],
  );
}

const asProject = (projectId: string, text: string, values: unknown[] = [], limits = LIMITS) =>
  runScopedQuery(pool, projectId, { text, values }, limits);

before(async () => {
  db = await createTestDatabase('kt_query_role');
  pool = createPool(db.url, 4);
  await pool.query("INSERT INTO projects (id, name) VALUES ('p-a', 'a'), ('p-b', 'b'), ('p-empty', 'empty')");
  await addCluster('p-a', 'c-aaaa', 3);
  await addCluster('p-b', 'c-bbbb', 5);
});
after(async () => {
  await pool?.end();
  await db?.drop();
});

describe('the query role sees only the current project', () => {
  test("a project's query counts only its own clusters' events", async () => {
    const r = await asProject('p-a', 'SELECT cluster_id, count(*) FROM audit_events GROUP BY 1 ORDER BY 1');
    assert.deepEqual(r.rows, [['c-aaaa', 3]]);
    assert.deepEqual(r.columns, ['cluster_id', 'count']);
  });

  test("naming another project's cluster returns nothing", async () => {
    const r = await asProject('p-a', 'SELECT count(*) FROM audit_events WHERE cluster_id = $1', ['c-bbbb']);
    assert.deepEqual(r.rows, [[0]]);
  });

  test('a project without clusters, or no project at all, sees nothing', async () => {
    assert.deepEqual((await asProject('p-empty', 'SELECT count(*) FROM audit_events')).rows, [[0]]);
    assert.deepEqual((await asProject('', 'SELECT count(*) FROM audit_events')).rows, [[0]]);
  });

  test('a partition read directly, around the policy, is refused', async () => {
    await assert.rejects(asProject('p-a', `SELECT count(*) FROM ${clusterPartitionName('c-bbbb')}`), /permission denied/);
  });

  test('app tables are out of reach', async () => {
    await assert.rejects(asProject('p-a', 'SELECT * FROM users'), /permission denied/);
    await assert.rejects(asProject('p-a', 'SELECT * FROM clusters'), /permission denied/);
    await assert.rejects(asProject('p-a', 'SELECT * FROM kubetrail_migrations'), /permission denied/);
  });

  test('the scope cannot be widened from inside the statement', async () => {
    await assert.rejects(
      asProject('p-a', "SELECT set_config('kubetrail.project_id', 'p-b', true), (SELECT count(*) FROM audit_events)"),
      /permission denied for function set_config/,
    );
    await assert.rejects(asProject('p-a', "SELECT set_config('role', 'postgres', true)"), /permission denied/);
  });

  test('nothing can be written, and statements cannot be stacked', async () => {
    await assert.rejects(
      asProject('p-a', 'WITH d AS (DELETE FROM audit_events RETURNING 1) SELECT count(*) FROM d'),
      /read-only transaction|permission denied/,
    );
    await assert.rejects(asProject('p-a', 'SELECT 1; DELETE FROM audit_events'), /multiple commands/);
    await assert.rejects(asProject('p-a', "SELECT pg_read_file('/etc/passwd')"), /permission denied/);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*) AS n FROM audit_events');
    assert.equal(rows[0]!.n, 8, 'every event is still there');
  });

  test('a cluster moved to another project is visible there, and not in the old one, at once', async () => {
    await pool.query("UPDATE clusters SET project_id = 'p-empty' WHERE id = 'c-aaaa'");
    try {
      assert.deepEqual((await asProject('p-a', 'SELECT count(*) FROM audit_events')).rows, [[0]]);
      assert.deepEqual((await asProject('p-empty', 'SELECT count(*) FROM audit_events')).rows, [[3]]);
    } finally {
      await pool.query("UPDATE clusters SET project_id = 'p-a' WHERE id = 'c-aaaa'");
    }
  });
});

describe('limits', () => {
  test('a slow statement is cancelled with a clear error', async () => {
    const started = Date.now();
    await assert.rejects(asProject('p-a', 'SELECT pg_sleep(5)', [], { timeoutMs: 200, maxRows: 10 }), (err: unknown) => {
      return err instanceof QueryTimeoutError && /longer than 200 ms/.test(err.message);
    });
    assert.ok(Date.now() - started < 3_000);
  });

  test('rows beyond the cap are not read, and the result says it was cut', async () => {
    const r = await asProject('p-a', 'SELECT i FROM generate_series(1, 100000) AS i', [], { timeoutMs: 5_000, maxRows: 10 });
    assert.equal(r.rows.length, 10);
    assert.equal(r.truncated, true);
    const whole = await asProject('p-a', 'SELECT i FROM generate_series(1, 10) AS i', [], { timeoutMs: 5_000, maxRows: 10 });
    assert.equal(whole.truncated, false);
  });

  test('the connection goes back to the pool as the platform role, not the query role', async () => {
    await asProject('p-a', 'SELECT 1');
    const { rows } = await pool.query<{ u: string; p: string | null }>(
      "SELECT current_user AS u, current_setting('kubetrail.project_id', true) AS p",
    );
    assert.notEqual(rows[0]!.u, 'kubetrail_query');
    assert.ok(!rows[0]!.p);
  });
});
