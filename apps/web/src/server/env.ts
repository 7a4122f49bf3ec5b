import { ALERT_ENV, alertSettings, loadEnv, SHARED_ENV, type AlertSettings } from '@kubetrail/core';
import { z } from 'zod';

export interface WebConfig {
  databaseUrl: string;
  /** the ingest URL agents are given; unset, the console's own host on INGEST_PORT */
  ingestPublicUrl: string | null;
  ingestPort: number;
  /** channel secrets key and SSRF allow-list, for saving and test-sending channels */
  alerts: AlertSettings;
}

/** The only place the console reads its environment. */
export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const e = loadEnv(
    {
      DATABASE_URL: SHARED_ENV.DATABASE_URL,
      INGEST_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
      INGEST_PUBLIC_URL: z.url().optional(),
      ...ALERT_ENV,
    },
    env,
  );
  return { databaseUrl: e.DATABASE_URL, ingestPublicUrl: e.INGEST_PUBLIC_URL ?? null, ingestPort: e.INGEST_PORT, alerts: alertSettings(e) };
}
