import type { CoreDeps } from '@kubetrail/core';
import { createPool, createPrisma } from '@kubetrail/db';
import { loadCliConfig } from './env';
import { fail, print, type OutputOptions } from './output';

/**
 * Runs one command: prints its result (or its error) and closes the
 * database handles, which connect only when first used.
 */
export async function run<T>(opts: OutputOptions, fn: (deps: CoreDeps, databaseUrl: string) => Promise<T>): Promise<void> {
  const { databaseUrl } = loadCliConfig();
  const deps: CoreDeps = { db: createPrisma(databaseUrl), pool: createPool(databaseUrl, 2) };
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await fn(deps, databaseUrl) };
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
