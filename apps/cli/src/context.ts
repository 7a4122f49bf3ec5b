import { userInfo } from 'node:os';
import { recordChange, type ChangeRecord, type CoreDeps } from '@kubetrail/core';
import { createPool, createPrisma } from '@kubetrail/db';
import { loadCliConfig } from './env';
import { fail, print, type OutputOptions } from './output';

/**
 * Runs one command: prints its result (or its error) and closes the
 * database handles, which connect only when first used.
 */
export async function run<T>(
  opts: OutputOptions,
  fn: (deps: CoreDeps, databaseUrl: string, audit: (change: ChangeRecord) => Promise<void>) => Promise<T>,
): Promise<void> {
  const { databaseUrl } = loadCliConfig();
  const deps: CoreDeps = { db: createPrisma(databaseUrl), pool: createPool(databaseUrl, 2) };
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await fn(deps, databaseUrl, (change) => recordChange(deps, cliActor(), change)) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  await deps.db.$disconnect();
  await deps.pool.end();
  if (!outcome.ok) fail(outcome.error, opts);
  if (outcome.value !== undefined) print(outcome.value, opts);
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Changes made at the CLI enter the console's audit trail under the operator's OS account. */
function cliActor() {
  return { userId: null, label: `cli:${userInfo().username}`, via: 'cli' as const, ip: null };
}
