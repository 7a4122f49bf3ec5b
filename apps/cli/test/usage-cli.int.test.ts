import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@kubetrail/contracts';
import { batchJobFor, PartitionCache, storeBatch } from '@kubetrail/core';
import { createPool } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { cliAgainst } from './support/run-cli';

let db: TestDatabase;
const { cli, json } = cliAgainst(() => db.url);
let clusterId = '';

const event = (): AuditEvent => {
  const at = new Date().toISOString();
  return {
    level: 'Metadata',
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: '/api/v1/pods',
    verb: 'list',
    user: { username: 'a' },
    requestReceivedTimestamp: at,
    stageTimestamp: at,
  };
};

before(async () => {
  db = await createTestDatabase('kt_cli_usage');
  json('project', 'create', 'payments');
  clusterId = (json('cluster', 'create', '--project', 'payments', '--name', 'prod', '--policy-preset', 'none') as { id: string }).id;
  const pool = createPool(db.url, 1);
  const { job, rows } = batchJobFor(clusterId, Array.from({ length: 7 }, event), { batchId: randomUUID() });
  await storeBatch(pool, new PartitionCache(), job, rows);
  await pool.end();
});
after(async () => {
  await db?.drop();
});

test('kubetrail usage prints a row per cluster and day with the documented keys', () => {
  const rows = json('usage', '--project', 'payments') as unknown as Record<string, unknown>[];
  assert.equal(rows.length, 1);
  assert.deepEqual(Object.keys(rows[0]!).sort(), [
    'clusterId',
    'day',
    'droppedByPolicy',
    'eventsReceived',
    'eventsStored',
    'ingestedBytes',
    'storedBytes',
  ]);
  assert.equal(rows[0]!.clusterId, clusterId);
  assert.equal(rows[0]!.eventsStored, 7);
  assert.equal(rows[0]!.day, new Date().toISOString().slice(0, 10));
  assert.deepEqual(json('usage', '--project', 'payments', '--from', '2020-01-01', '--to', '2020-01-31'), []);
  const bad = cli('usage', '--project', 'payments', '--from', 'yesterday', '--json');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /from must be a UTC day/);
});

test('kubetrail billing prints the month per cluster under the default price list', () => {
  const month = new Date().toISOString().slice(0, 7);
  const bill = json('billing', '--project', 'payments', '--month', month) as {
    currency: string;
    priceList: { perGBIngested: number };
    clusters: { clusterId: string; events: number; cost: number }[];
    total: number;
  };
  assert.equal(bill.currency, 'USD');
  assert.equal(typeof bill.priceList.perGBIngested, 'number');
  assert.deepEqual(
    bill.clusters.map((c) => [c.clusterId, c.events]),
    [[clusterId, 7]],
  );
  assert.equal(bill.total, bill.clusters[0]!.cost);
  const bad = cli('billing', '--project', 'payments', '--month', '2026-13', '--json');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /not a month/);
});
