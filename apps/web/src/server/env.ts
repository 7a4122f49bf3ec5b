import { z } from 'zod';

const EnvSchema = z.object({
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/kubetrail'),
});

/** The only place the console reads its environment. */
export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): { databaseUrl: string } {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid environment variable ${String(parsed.error.issues[0]!.path[0])}: ${parsed.error.issues[0]!.message}`);
  return { databaseUrl: parsed.data.DATABASE_URL };
}
