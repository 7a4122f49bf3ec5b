export const ERROR_CODES = [
  'BAD_REQUEST',
  'MALFORMED_JSON',
  'INVALID_EVENT',
  'UNSTORABLE_VALUE',
  'UNAUTHORIZED',
  'AUDIT_DISABLED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'QUERY_TIMEOUT',
  'OVERLOADED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error type core code throws; each edge maps `code` to its own status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Wire shape of an error answered to agents and scripts. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** HTTP status for each error code; edges that speak HTTP share this map. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  INVALID_EVENT: 400,
  UNSTORABLE_VALUE: 400,
  UNAUTHORIZED: 401,
  AUDIT_DISABLED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  // As Kubernetes answers a ResourceQuota: retrying will not help until an operator raises the quota.
  QUOTA_EXCEEDED: 403,
  // The query, not the server, is at fault: narrow it and run it again.
  QUERY_TIMEOUT: 422,
  OVERLOADED: 503,
  INTERNAL: 500,
};
