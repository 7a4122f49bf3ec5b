// Test infrastructure is the one place outside the apps' env modules that
// reads the environment: suites find the shared servers here.
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

export const testServerUrl = (): string => process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_PG;
export const testRedisUrl = (): string => process.env.REDIS_URL ?? DEFAULT_REDIS;
