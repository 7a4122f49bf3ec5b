import { initTRPC, TRPCError } from '@trpc/server';
import { isAppError, roleAtLeast } from '@kubetrail/contracts';
import { NO_ALERT_SETTINGS, type AlertSettings, type CoreDeps } from '@kubetrail/core';
import type { Role } from '@kubetrail/db';
import superjson from 'superjson';
import { z } from 'zod';
import { errorData, errorMessage, toTrpcError } from './errors';

export interface ApiContext {
  deps: CoreDeps;
  /** the signed-in user; null for an anonymous request */
  userId: string | null;
  /** the client's address, for the console's audit trail */
  ip: string | null;
  /** where agents reach the ingest API, written into the install files */
  ingestUrl: string;
  /** the operator's key for channel secrets and SSRF allow-list (KUBETRAIL_SECRETS_KEY, ALERT_ALLOWED_HOSTS) */
  alerts: AlertSettings;
}

export interface RequestInfo {
  ip?: string | null;
  ingestUrl?: string;
  alerts?: AlertSettings;
}

export const DEFAULT_INGEST_URL = 'http://localhost:4000';

export const createApiContext = (deps: CoreDeps, userId: string | null, request: RequestInfo = {}): ApiContext => ({
  deps,
  userId,
  ip: request.ip ?? null,
  ingestUrl: request.ingestUrl ?? DEFAULT_INGEST_URL,
  alerts: request.alerts ?? NO_ALERT_SETTINGS,
});

const t = initTRPC.context<ApiContext>().create({
  // Dates stay Dates on the way to the console.
  transformer: superjson,
  errorFormatter: ({ shape, error }) => ({ ...shape, message: errorMessage(error, shape.message), data: errorData(error, shape.data) }),
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// Core throws AppErrors; tRPC would answer them all as 500s.
const procedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && isAppError(result.error.cause)) throw toTrpcError(result.error.cause);
  return result;
});

export const authedProcedure = procedure.use(({ ctx, next }) => {
  if (ctx.userId === null) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

export const ProjectInputSchema = z.object({ projectId: z.string().min(1).max(100) });

/**
 * A procedure on one project (`projectId` in its input) for its members with
 * `minRole` or a stronger role. Non-members are told the project does not
 * exist, the same answer as for an unknown id, so ids cannot be probed.
 */
export function projectProcedure(minRole: Role) {
  return authedProcedure.input(ProjectInputSchema).use(async ({ ctx, input, next }) => {
    const membership = await ctx.deps.db.membership.findUnique({
      where: { userId_projectId: { userId: ctx.userId, projectId: input.projectId } },
      select: { role: true },
    });
    if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: `no project "${input.projectId}"` });
    if (!roleAtLeast(membership.role, minRole))
      throw new TRPCError({ code: 'FORBIDDEN', message: `this needs the ${minRole} role or a stronger one; yours is ${membership.role}` });
    return next({ ctx: { ...ctx, projectId: input.projectId, role: membership.role } });
  });
}
