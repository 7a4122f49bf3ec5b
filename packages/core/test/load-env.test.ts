import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { loadEnv, SHARED_ENV } from '../src/shared/load-env';

test('defaults apply, and a bad value fails naming the variable', () => {
  const shape = { ...SHARED_ENV, PORT: z.coerce.number().int().min(1).max(65535).default(3000) };
  assert.deepEqual(loadEnv(shape, {}), {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/kubetrail',
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: 'kubetrail',
    PORT: 3000,
  });
  assert.throws(() => loadEnv(shape, { PORT: 'eighty' }), /invalid environment variable PORT/);
  assert.throws(() => loadEnv(shape, { REDIS_URL: 'not a url' }), /invalid environment variable REDIS_URL/);
  assert.throws(() => loadEnv(shape, { QUEUE_PREFIX: 'has space' }), /invalid environment variable QUEUE_PREFIX/);
  assert.equal(loadEnv(shape, { QUEUE_PREFIX: '{kubetrail}' }).QUEUE_PREFIX, '{kubetrail}');
});
