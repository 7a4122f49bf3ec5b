import { ALERT_ENV, alertSettings, loadEnv, SHARED_ENV, type AlertSettings } from '@kubetrail/core';

/** The only place the CLI reads its environment. */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): { databaseUrl: string } {
  return { databaseUrl: loadEnv({ DATABASE_URL: SHARED_ENV.DATABASE_URL }, env).DATABASE_URL };
}

/** The channel-secrets key and SSRF allow-list, read only by the commands that store or test channels. */
export function loadCliAlertSettings(env: NodeJS.ProcessEnv = process.env): AlertSettings {
  return alertSettings(loadEnv(ALERT_ENV, env));
}

/** What `${NAME}` in an alert file's channel settings may refer to. */
export const fileVariables = (env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> => ({ ...env });
