import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { AppError, HTTP_STATUS, formatFieldPath, isAppError, type ErrorCode } from '@kubetrail/contracts';
import { ZodError } from 'zod';
import type { AgentIdentity } from '@kubetrail/core';
import type { IngestDeps } from '../deps';

export interface IngestContext {
  deps: IngestDeps;
  authorization: string | null;
  wireBytes: number;
  /** the decompressed body, so procedures can keep events' text as received */
  rawBody: string;
  identity?: AgentIdentity;
}

const TRPC_CODE: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

export function toTrpcError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[HTTP_STATUS[error.code]] ?? 'INTERNAL_SERVER_ERROR', message: error.message, cause: error });
}

/** The application error code carried in every error answer (`error.data.appCode`). */
function appCodeOf(error: TRPCError): ErrorCode {
  if (isAppError(error.cause)) return error.cause.code;
  if (error.cause instanceof ZodError) return 'BAD_REQUEST';
  if (error.code === 'PARSE_ERROR' || error.cause instanceof SyntaxError) return 'MALFORMED_JSON';
  if (error.code === 'INTERNAL_SERVER_ERROR') return 'INTERNAL';
  return 'BAD_REQUEST';
}

const t = initTRPC.context<IngestContext>().create({
  errorFormatter({ shape, error }) {
    const zodIssue = error.cause instanceof ZodError ? error.cause.issues[0] : undefined;
    const message = zodIssue
      ? `${formatFieldPath(zodIssue.path)}: ${zodIssue.message}`
      : error.code === 'INTERNAL_SERVER_ERROR' && !isAppError(error.cause)
        ? 'internal error; the request was not accepted, retry later'
        : shape.message;
    return { ...shape, message, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, appCode: appCodeOf(error) } };
  },
});

export const router = t.router;

/** Every agent procedure needs a valid cluster token. */
export const agentProcedure = t.procedure.use(async ({ ctx, next }) => {
  try {
    const identity = await ctx.deps.auth.authenticate(ctx.authorization);
    return next({ ctx: { ...ctx, identity } });
  } catch (error) {
    throw isAppError(error) ? toTrpcError(error) : error;
  }
});

/** Runs a core call, turning its AppErrors into tRPC errors with the matching status. */
export async function callCore<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw isAppError(error) ? toTrpcError(error) : error;
  }
}
