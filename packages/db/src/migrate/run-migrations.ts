import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { parseDatabaseUrl, quoteIdent } from './database-url';

export interface MigrationResult {
  database: string;
  created: boolean;
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationChecksumError extends Error {}

interface MigrationFile {
  id: string;
  sql: string;
  checksum: string;
}

// Serializes concurrent `kubetrail migrate` runs (demo, tests, several hosts).
const MIGRATION_LOCK = 7_350_001;

export function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((id) => {
      const sql = readFileSync(join(dir, id, 'migration.sql'), 'utf8');
      return { id, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const { database, adminUrl } = parseDatabaseUrl(url);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return false;
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
    } catch (error) {
      // Another migrator created it between our check and our CREATE
      // (42P04, or 23505 when both CREATEs race in the catalog).
      const code = (error as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw error;
      return false;
    }
    return true;
  } finally {
    await admin.end();
  }
}

/**
 * Applies each pending migration in its own transaction and records its
 * checksum; refuses to run when an applied migration's file has changed,
 * because the database would no longer match what the files describe.
 */
export async function runMigrations(url: string, dir: string): Promise<MigrationResult> {
  const { database } = parseDatabaseUrl(url);
  const created = await createDatabaseIfMissing(url);
  const files = readMigrations(dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS kubetrail_migrations (
      id text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ id: string; checksum: string }>('SELECT id, checksum FROM kubetrail_migrations');
    const applied = new Map(rows.map((r) => [r.id, r.checksum]));
    for (const file of files) {
      const recorded = applied.get(file.id);
      if (recorded && recorded !== file.checksum)
        throw new MigrationChecksumError(
          `migration ${file.id} was changed after it was applied (checksum ${recorded.slice(0, 12)} in the database, ${file.checksum.slice(0, 12)} on disk); add a new migration instead`,
        );
    }
    const result: MigrationResult = { database, created, applied: [], alreadyApplied: [] };
    for (const file of files) {
      if (applied.has(file.id)) {
        result.alreadyApplied.push(file.id);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(file.sql);
        await client.query('INSERT INTO kubetrail_migrations (id, checksum) VALUES ($1, $2)', [file.id, file.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file.id} failed: ${(error as Error).message}`, { cause: error });
      }
      result.applied.push(file.id);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}
