import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations, MigrationChecksumError, parseDatabaseUrl } from '../src/index';
import { testServerUrl } from '../src/testing/index';

const url = (() => {
  const u = new URL(testServerUrl());
  u.pathname = `/kt_migr_${randomBytes(4).toString('hex')}`;
  return u.toString();
})();
const dir = mkdtempSync(join(tmpdir(), 'kt-migrations-'));

after(async () => {
  const admin = new pg.Client({ connectionString: parseDatabaseUrl(url).adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${parseDatabaseUrl(url).database}" WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

const write = (id: string, sql: string) => {
  mkdirSync(join(dir, id), { recursive: true });
  writeFileSync(join(dir, id, 'migration.sql'), sql);
};

test('creates the database, applies in order, records what it applied, and is idempotent', async () => {
  write('0001_a', 'CREATE TABLE a (id int PRIMARY KEY);');
  write('0002_b', 'CREATE TABLE b (id int REFERENCES a (id) DEFERRABLE);');
  const first = await runMigrations(url, dir);
  assert.equal(first.created, true);
  assert.deepEqual(first.applied, ['0001_a', '0002_b']);
  const second = await runMigrations(url, dir);
  assert.deepEqual([second.created, second.applied, second.alreadyApplied], [false, [], ['0001_a', '0002_b']]);
});

test('a failing migration is rolled back whole and not recorded', async () => {
  write('0003_bad', 'CREATE TABLE c (id int); SELECT no_such_function();');
  await assert.rejects(runMigrations(url, dir), /0003_bad failed/);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    "SELECT to_regclass('c') AS c, (SELECT count(*) FROM kubetrail_migrations WHERE id = '0003_bad')::int AS n",
  );
  await client.end();
  assert.deepEqual(rows[0], { c: null, n: 0 });
  rmSync(join(dir, '0003_bad'), { recursive: true });
});

test('refuses to run when an applied migration file was edited', async () => {
  appendFileSync(join(dir, '0001_a', 'migration.sql'), '\n-- edited');
  await assert.rejects(runMigrations(url, dir), MigrationChecksumError);
});

test('concurrent runs apply each migration once', async () => {
  const fresh = new URL(url);
  fresh.pathname = `/kt_migr_${randomBytes(4).toString('hex')}`;
  const d2 = mkdtempSync(join(tmpdir(), 'kt-migrations-'));
  mkdirSync(join(d2, '0001_x'));
  writeFileSync(join(d2, '0001_x', 'migration.sql'), 'CREATE TABLE x (id int);');
  const results = await Promise.all([runMigrations(fresh.toString(), d2), runMigrations(fresh.toString(), d2)]);
  assert.equal(results.flatMap((r) => r.applied).length, 1);
  const admin = new pg.Client({ connectionString: parseDatabaseUrl(url).adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE "${parseDatabaseUrl(fresh.toString()).database}" WITH (FORCE)`);
  await admin.end();
  rmSync(d2, { recursive: true });
});
