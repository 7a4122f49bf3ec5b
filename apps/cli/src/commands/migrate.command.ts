import type { Command } from 'commander';
import { MIGRATIONS_DIR, runMigrations } from '@kubetrail/db';
import { run } from '../context';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create the database if missing and apply pending migrations')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => run(opts, (_deps, url) => runMigrations(url, MIGRATIONS_DIR)));
}
