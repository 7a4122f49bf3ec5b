import { listMessages, markMessagesRead, unreadCount } from '@kubetrail/core';
import { MessagesReadInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';

/** The message center: every member reads the project's alert messages; read marks are per user. */
export const messagesRouter = router({
  list: projectProcedure('viewer').query(({ ctx }) => listMessages(ctx.deps, ctx.projectId, ctx.userId)),
  unread: projectProcedure('viewer').query(({ ctx }) => unreadCount(ctx.deps, ctx.projectId, ctx.userId)),
  markRead: projectProcedure('viewer')
    .input(MessagesReadInputSchema)
    .mutation(({ ctx, input }) => markMessagesRead(ctx.deps, ctx.projectId, ctx.userId, input.messageIds)),
});
