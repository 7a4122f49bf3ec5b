import { configOrExit } from '@kubetrail/core';
import { loadIngestConfig } from './env';
import { createIngestDeps } from './create-deps';
import { warnIfRedisUnsafe } from './redis-safety';
import { createIngestServer } from './server';

const config = configOrExit(() => loadIngestConfig());
const deps = createIngestDeps(config);
await warnIfRedisUnsafe(deps.redis);
const server = createIngestServer(deps);
server.listen(config.port, config.host, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'ingest listening', port: config.port, host: config.host }));
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(JSON.stringify({ level: 'info', msg: 'ingest stopping', signal }));
  // Stop taking connections, let in-flight requests finish (each answers only
  // after its batch is enqueued), then release Redis and PostgreSQL.
  server.close();
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), 15_000);
  force.unref();
  await new Promise<void>((resolve) => server.on('close', resolve));
  await deps.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
