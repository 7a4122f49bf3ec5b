import { searchRouter } from './routers/search.router';
import { router } from './trpc';

export const appRouter = router({ search: searchRouter });

export type AppRouter = typeof appRouter;
