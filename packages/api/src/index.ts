import { appRouter } from './root.router';
import { createCallerFactory } from './trpc';

export { appRouter, type AppRouter } from './root.router';
export { createApiContext, DEFAULT_INGEST_URL, type ApiContext, type RequestInfo } from './trpc';
export type { ApiErrorData } from './errors';
export * from './schemas/search-inputs';
export * from './schemas/report-inputs';
export * from './schemas/console-inputs';

/** Calls procedures in-process, e.g. from a server component: `createCaller(createApiContext(deps, userId))`. */
export const createCaller = createCallerFactory(appRouter);
