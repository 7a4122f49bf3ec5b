import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseDatabaseUrl, quoteIdent } from '../migrate/database-url';
import { runMigrations } from '../migrate/run-migrations';
import { MIGRATIONS_DIR } from '../migrate/migrations-dir';
import { testServerUrl } from './test-env';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test suite; `drop()` removes it. */
export async function createTestDatabase(prefix = 'kt_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  await runMigrations(url.toString(), MIGRATIONS_DIR);
  return {
    url: url.toString(),
    name,
    async drop() {
      const admin = new pg.Client({ connectionString: parseDatabaseUrl(url.toString()).adminUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
