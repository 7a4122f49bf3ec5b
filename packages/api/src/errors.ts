import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { formatFieldPath, isAppError, type AppError, type ErrorCode } from '@kubetrail/contracts';
import { QueryError, type SourcePosition } from '@kubetrail/query';
import { ZodError } from 'zod';

// A Record over every ErrorCode, so a new code cannot be left unmapped.
const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  MALFORMED_JSON: 'BAD_REQUEST',
  INVALID_EVENT: 'BAD_REQUEST',
  UNSTORABLE_VALUE: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  AUDIT_DISABLED: 'FORBIDDEN',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  // Not TOO_MANY_REQUESTS: waiting does not help, an operator has to raise the quota.
  QUOTA_EXCEEDED: 'FORBIDDEN',
  // 422, as over HTTP: the query, not the server, is at fault.
  QUERY_TIMEOUT: 'UNPROCESSABLE_CONTENT',
  OVERLOADED: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export function toTrpcError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[error.code], message: error.message, cause: error });
}

/** What the console reads from an error besides its message. */
export interface ApiErrorData {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  appCode: ErrorCode | null;
  /** where in the query text a query error is, to underline it */
  position: SourcePosition | null;
}

export function errorData(error: TRPCError, shapeData: { code: TRPC_ERROR_CODE_KEY; httpStatus: number }): ApiErrorData {
  return {
    code: shapeData.code,
    httpStatus: shapeData.httpStatus,
    appCode: isAppError(error.cause) ? error.cause.code : error.cause instanceof ZodError ? 'BAD_REQUEST' : null,
    position: error.cause instanceof QueryError ? (error.cause.position ?? null) : null,
  };
}

/** The message shown: the first invalid input field, or a generic one for bugs, whose text may hold SQL or internals. */
export function errorMessage(error: TRPCError, message: string): string {
  const issue = error.cause instanceof ZodError ? error.cause.issues[0] : undefined;
  if (issue) return issue.path.length ? `${formatFieldPath(issue.path)}: ${issue.message}` : issue.message;
  if (error.code === 'INTERNAL_SERVER_ERROR' && !isAppError(error.cause)) return 'internal error';
  return message;
}
