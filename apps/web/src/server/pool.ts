import 'server-only';
import { createPool, type Pool } from '@kubetrail/db';
import { loadWebConfig } from './env';

// One pool per server process, kept across hot reloads in development.
const holder = globalThis as unknown as { kubetrailPool?: Pool };

export function getPool(): Pool {
  holder.kubetrailPool ??= createPool(loadWebConfig().databaseUrl, 5);
  return holder.kubetrailPool;
}
