import { appRouter } from './root.router';
import { createCallerFactory } from './trpc';

export { appRouter, type AppRouter } from './root.router';
export { createApiContext, type ApiContext } from './trpc';
export type { ApiErrorData } from './errors';
export * from './schemas/search-inputs';

/** Calls procedures in-process, e.g. from a server component: `createCaller(createApiContext(deps, userId))`. */
export const createCaller = createCallerFactory(appRouter);
