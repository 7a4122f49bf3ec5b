import 'server-only';
import type { AlertSettings, CoreDeps } from '@kubetrail/core';
import { createPool, createPrisma } from '@kubetrail/db';
import { loadWebConfig } from './env';

// One Prisma client and pool per server process, kept across hot reloads in development.
const holder = globalThis as unknown as { kubetrailDeps?: CoreDeps; kubetrailAlerts?: AlertSettings };

export function getDeps(): CoreDeps {
  if (!holder.kubetrailDeps) {
    const { databaseUrl } = loadWebConfig();
    holder.kubetrailDeps = { db: createPrisma(databaseUrl), pool: createPool(databaseUrl, 5) };
  }
  return holder.kubetrailDeps;
}

/** The operator's alert settings, read once per server process. */
export function getAlertSettings(): AlertSettings {
  holder.kubetrailAlerts ??= loadWebConfig().alerts;
  return holder.kubetrailAlerts;
}
