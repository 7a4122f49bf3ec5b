import type { Redis } from 'ioredis';

/**
 * BullMQ loses jobs if Redis evicts keys, and "enqueued" only survives a
 * Redis restart with persistence on; say so loudly at start.
 */
export async function warnIfRedisUnsafe(client: Redis): Promise<string[]> {
  const warnings: string[] = [];
  try {
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction')
      warnings.push(`Redis maxmemory-policy is "${policy}": queued batches can be evicted and lost; set maxmemory-policy noeviction`);
    const [, aof] = (await client.config('GET', 'appendonly')) as [string, string];
    if (aof !== 'yes')
      warnings.push('Redis appendonly is off: batches acknowledged to agents can be lost if Redis restarts; set appendonly yes');
  } catch (error) {
    warnings.push(
      `could not read Redis configuration (${(error as Error).message}); make sure maxmemory-policy is noeviction and appendonly is yes`,
    );
  }
  for (const w of warnings) console.error(JSON.stringify({ level: 'warn', msg: w }));
  return warnings;
}
