export type { IngestRouter } from './trpc/agent.router';
export { createIngestServer } from './server';
export { createIngestDeps } from './create-deps';
export { loadIngestConfig, type IngestConfig } from './env';
