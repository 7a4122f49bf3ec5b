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
