import { loadEnv, SHARED_ENV } from '@kubetrail/core';

/** The only place the CLI reads its environment. */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): { databaseUrl: string } {
  return { databaseUrl: loadEnv({ DATABASE_URL: SHARED_ENV.DATABASE_URL }, env).DATABASE_URL };
}
