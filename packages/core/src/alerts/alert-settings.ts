import { z } from 'zod';
import { AppError } from '@kubetrail/contracts';
import { parseAllowedHosts, parseSecretsKey, type AllowList } from '@kubetrail/notify';

/** What channel use needs beyond the database: the operator's key for channel secrets and SSRF allow-list. */
export interface AlertSettings {
  /** KUBETRAIL_SECRETS_KEY, decoded; without it channels that hold secrets cannot be saved or used */
  secretsKey: Buffer | null;
  /** ALERT_ALLOWED_HOSTS */
  allowList: AllowList;
  /** per delivery attempt */
  timeoutMs: number;
}

const parsedWith =
  <I, T>(parse: (value: I) => T) =>
  (value: I, ctx: z.RefinementCtx): T => {
    try {
      return parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  };

/** The alert variables of every service that sends or stores channels (worker, console, CLI). */
export const ALERT_ENV = {
  ALERT_ALLOWED_HOSTS: z.string().default('').transform(parsedWith(parseAllowedHosts)),
  KUBETRAIL_SECRETS_KEY: z
    .string()
    .optional()
    .transform(parsedWith((v: string | undefined) => (v === undefined || v === '' ? null : parseSecretsKey(v)))),
} as const;

export const alertSettings = (e: { ALERT_ALLOWED_HOSTS: AllowList; KUBETRAIL_SECRETS_KEY: Buffer | null }): AlertSettings => ({
  allowList: e.ALERT_ALLOWED_HOSTS,
  secretsKey: e.KUBETRAIL_SECRETS_KEY,
  timeoutMs: 10_000,
});

/** No key and no allow-list: channels without secrets, to public hosts only. */
export const NO_ALERT_SETTINGS: AlertSettings = { secretsKey: null, allowList: parseAllowedHosts(''), timeoutMs: 10_000 };

export function requireSecretsKey(settings: AlertSettings): Buffer {
  if (!settings.secretsKey)
    throw new AppError(
      'BAD_REQUEST',
      'this channel holds a secret, and KUBETRAIL_SECRETS_KEY is not set: an operator must set it (32 random bytes, base64) to store channel secrets',
    );
  return settings.secretsKey;
}
