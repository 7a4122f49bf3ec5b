import { deleteChannel, listChannels, saveChannel, sendTestNotification } from '@kubetrail/core';
import { recordConsoleChange, recordSave } from '../audit';
import { AlertChannelRefInputSchema, AlertChannelSaveInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';

// Channels hold secrets and reach out of the network: admins manage them; members see their names to pick one.
export const alertChannelsRouter = router({
  list: projectProcedure('viewer').query(({ ctx }) => listChannels(ctx.deps, ctx.projectId)),
  save: projectProcedure('admin')
    .input(AlertChannelSaveInputSchema)
    .mutation(async ({ ctx, input }) => {
      const saved = await saveChannel(ctx.deps, ctx.alerts, ctx.projectId, input.channel);
      await recordSave(ctx, 'alert-channel', saved, saved.channel);
      return saved;
    }),
  delete: projectProcedure('admin')
    .input(AlertChannelRefInputSchema)
    .mutation(async ({ ctx, input }) => {
      await deleteChannel(ctx.deps, ctx.projectId, input.channel);
      await recordConsoleChange(ctx, {
        projectId: ctx.projectId,
        action: 'alert-channel.delete',
        target: { type: 'alert-channel', id: input.channel },
      });
      return { deleted: true };
    }),
  test: projectProcedure('admin')
    .input(AlertChannelRefInputSchema)
    .mutation(({ ctx, input }) => sendTestNotification(ctx.deps, ctx.alerts, ctx.projectId, input.channel)),
});
