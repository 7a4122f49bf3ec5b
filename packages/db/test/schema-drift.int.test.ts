import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';
import { MIGRATIONS_DIR } from '../src/index';
import { shapeFromDatabase, shapeFromPrismaSchema } from './schema-shape';

const SCHEMA = join(MIGRATIONS_DIR, '..', 'schema.prisma');
// Not modelled in Prisma: the migration ledger, the partitioned event store
// and its rollups, and the IP tables the query functions read (plain SQL,
// packages/db/src/events and src/ip).
const SQL_ONLY = new Set(['kubetrail_migrations', 'ip_locations', 'risky_ip_ranges']);
const notModelled = (name: string) => SQL_ONLY.has(name) || name.startsWith('audit_events');

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase('kt_drift');
});
after(async () => {
  await db?.drop();
});

test('the migrated database matches prisma/schema.prisma (no drift)', async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const actual = await shapeFromDatabase(client, notModelled);
    const expected = shapeFromPrismaSchema(SCHEMA);
    assert.deepEqual(actual, expected);
  } finally {
    await client.end();
  }
});

test('the drift check notices a difference', async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE clusters ALTER COLUMN name DROP NOT NULL');
    const actual = await shapeFromDatabase(client, notModelled);
    await client.query('ROLLBACK');
    assert.notDeepEqual(actual, shapeFromPrismaSchema(SCHEMA));
  } finally {
    await client.end();
  }
});
