import { z } from 'zod';
import { HeartbeatInputSchema, PushBatchInputSchema } from '@kubetrail/contracts';
import { acceptBatch, agentConfig, recordHeartbeat } from '@kubetrail/core';
import { countAccepted } from '../metrics';
import { agentProcedure, callCore, router } from './init';

// Events are validated one by one in core (to name the failing item), so the
// envelope here takes them as unknown.
const PushBatchEnvelope = PushBatchInputSchema.extend({ events: z.array(z.unknown()) });

export const agentRouter = router({
  pushBatch: agentProcedure.input(PushBatchEnvelope).mutation(({ ctx, input }) =>
    callCore(async () => {
      ctx.deps.guard.check();
      const result = await acceptBatch(ctx.deps, ctx.deps.limits, {
        identity: ctx.identity,
        stream: { streamId: input.streamId, seq: input.seq },
        items: input.events,
        listField: 'events',
        rawBody: ctx.rawBody,
        wireBytes: ctx.wireBytes,
      });
      countAccepted(ctx.deps.metrics, result);
      return result;
    }),
  ),
  heartbeat: agentProcedure.input(HeartbeatInputSchema).mutation(({ ctx, input }) =>
    callCore(async () => {
      await recordHeartbeat(ctx.deps.db, ctx.identity, input);
      return { ok: true as const };
    }),
  ),
  config: agentProcedure.query(({ ctx }) =>
    callCore(() => agentConfig(ctx.deps.db, ctx.identity, ctx.deps.limits, ctx.deps.auth.policies)),
  ),
});

export const ingestRouter = router({ agent: agentRouter });
export type IngestRouter = typeof ingestRouter;
