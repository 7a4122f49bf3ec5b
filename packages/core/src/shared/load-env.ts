import { z } from 'zod';
import { DEFAULT_QUEUE_PREFIX } from '@kubetrail/queue';

/** The variables several services share, defined once (defaults as in the README). */
export const SHARED_ENV = {
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/kubetrail'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  // braces allowed: a {hash tag} keeps a queue's keys on one Redis Cluster shard
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w:{}-]+$/)
    .default(DEFAULT_QUEUE_PREFIX),
} as const;

/** Parses a service's environment; a bad value stops it at start with a message naming the variable. */
export function loadEnv<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv): z.infer<z.ZodObject<S>> {
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  return parsed.data;
}

/** Where a service finds PostgreSQL and its queues. */
export interface SharedSettings {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
}

export const sharedSettings = (e: { DATABASE_URL: string; REDIS_URL: string; QUEUE_PREFIX: string }): SharedSettings => ({
  databaseUrl: e.DATABASE_URL,
  redisUrl: e.REDIS_URL,
  queuePrefix: e.QUEUE_PREFIX,
});
