import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchJobFor, PartitionCache, storeBatch } from '@kubetrail/core';
import { createPool } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { cliAgainst } from './support/run-cli';

let db: TestDatabase;
const { cli, json } = cliAgainst(() => db.url);

const now = Date.now();
const event = (i: number, verb: string, username: string) => {
  const ts = new Date(now - (i + 1) * 60_000).toISOString();
  return {
    kind: 'Event' as const,
    apiVersion: 'audit.k8s.io/v1' as const,
    level: 'Metadata' as const,
    auditID: `q-${i}`,
    stage: 'ResponseComplete' as const,
    requestURI: '/api/v1/namespaces/default/secrets/db',
    verb,
    user: { username, groups: ['system:authenticated'] },
    sourceIPs: ['45.9.20.11'],
    objectRef: { resource: 'secrets', namespace: 'default', name: 'db', apiVersion: 'v1' },
    responseStatus: { code: 200 },
    requestReceivedTimestamp: ts,
    stageTimestamp: ts,
  };
};

before(async () => {
  db = await createTestDatabase('kt_cli_query');
  json('project', 'create', 'payments');
  json('project', 'create', 'search-team');
  const prod = json('cluster', 'create', '--project', 'payments', '--name', 'prod', '--policy-preset', 'none');
  json('cluster', 'create', '--project', 'search-team', '--name', 'theirs', '--policy-preset', 'none');
  const pool = createPool(db.url, 2);
  const events = [event(0, 'delete', 'alice@example.com'), event(1, 'get', 'bob@example.com'), event(2, 'delete', 'bob@example.com')];
  const { job, rows } = batchJobFor(String(prod.id), events, { batchId: 'cli-query-1' });
  await storeBatch(pool, new PartitionCache(), job, rows);
  await pool.end();
});
after(async () => {
  await db?.drop();
});

test('kubetrail query prints a search as {total, events}, newest first, and --limit pages it', () => {
  const all = json('query', '--project', 'payments', 'verb: delete');
  assert.equal(all.total, 2);
  assert.deepEqual(
    (all.events as { auditID: string }[]).map((e) => e.auditID),
    ['q-0', 'q-2'],
  );
  const one = json('query', '--project', 'payments', '--limit', '1', 'verb: delete');
  assert.equal(one.total, 2);
  assert.equal((one.events as unknown[]).length, 1);
});

test('kubetrail query prints analytics as {columns, rows}', () => {
  const out = json(
    'query',
    '--project',
    'payments',
    '--cluster',
    'prod',
    '* | SELECT "user.username" AS who, count(1) AS n FROM log GROUP BY who ORDER BY n DESC, who',
  );
  assert.deepEqual(out, {
    columns: ['who', 'n'],
    rows: [
      ['bob@example.com', 2],
      ['alice@example.com', 1],
    ],
  });
});

test('the time range comes from --since or --from/--to, never both', () => {
  assert.equal(json('query', '--project', 'payments', '--since', '2m', '*').total, 1);
  const from = new Date(now - 10 * 60_000).toISOString();
  assert.equal(json('query', '--project', 'payments', '--from', from, '--to', new Date(now).toISOString(), '*').total, 3);
  const both = cli('query', '--project', 'payments', '--since', '1h', '--from', from, '*', '--json');
  assert.notEqual(both.status, 0);
  assert.match(both.stderr, /--since or --from\/--to/);
});

test("errors are clear: a syntax error names its column, another project's cluster is not found", () => {
  const syntax = cli('query', '--project', 'payments', 'verb: delete and (user.username: bob', '--json');
  assert.notEqual(syntax.status, 0);
  assert.match(syntax.stderr, /missing `\)` for this `\(` at column 18/);
  const foreign = cli('query', '--project', 'payments', '--cluster', 'theirs', '*', '--json');
  assert.notEqual(foreign.status, 0);
  assert.match(foreign.stderr, /NOT_FOUND/);
  const stacked = cli('query', '--project', 'payments', '* | SELECT 1 FROM log; DROP TABLE clusters', '--json');
  assert.match(stacked.stderr, /only one statement is allowed/);
  assert.equal(json('query', '--project', 'payments', '*').total, 3);
});

test('kubetrail ipdb risky load feeds security_check_ip; ipdb status lists the lists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kt-risky-'));
  writeFileSync(join(dir, 'feed.netset'), '# scanners\n45.9.20.0/24\n');
  assert.deepEqual(json('ipdb', 'risky', 'load', join(dir, 'feed.netset'), '--source', 'scanners'), { source: 'scanners', ranges: 1 });
  const out = json(
    'query',
    '--project',
    'payments',
    '* | SELECT security_check_ip(json_format(json_array_get(sourceIPs, 0))) AS risky, count(1) AS n FROM log GROUP BY risky',
  );
  assert.deepEqual(out.rows, [[1, 3]]);
  const status = json('ipdb', 'status');
  assert.deepEqual(
    (status.riskyLists as { source: string }[]).map((l) => l.source),
    ['bogons', 'scanners'],
  );
  const bad = cli('ipdb', 'risky', 'load', join(dir, 'missing.netset'), '--json');
  assert.notEqual(bad.status, 0);
});
