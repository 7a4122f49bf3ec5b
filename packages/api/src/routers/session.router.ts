import { authedProcedure, router } from '../trpc';

export const sessionRouter = router({
  me: authedProcedure.query(async ({ ctx }) => {
    const user = await ctx.deps.db.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { id: true, email: true } });
    return { userId: user.id, email: user.email };
  }),
});
