import type { ServerResponse } from 'node:http';
import { AppError, HTTP_STATUS, isAppError, type ErrorBody } from '@kubetrail/contracts';

/** Seconds an overloaded ingest asks clients to wait before retrying. */
export const RETRY_AFTER_SECONDS = 5;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Anything that is not an AppError is a bug or an outage: reported as 500 without internals. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError('INTERNAL', 'internal error; the request was not accepted, retry later');
}

/** How long an error asks the sender to wait: its own figure (a cluster over its rate knows), else the overload default. */
export function retryAfterOf(error: unknown): number | undefined {
  const seconds = isAppError(error) ? error.details?.retryAfterSeconds : undefined;
  return typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
}

export function retryHeaders(status: number, retryAfterSeconds?: number): Record<string, string> {
  return status === 429 || status === 503 ? { 'retry-after': String(retryAfterSeconds ?? RETRY_AFTER_SECONDS) } : {};
}

export function sendError(res: ServerResponse, error: AppError): void {
  const status = HTTP_STATUS[error.code];
  const body: ErrorBody = { code: error.code, message: error.message };
  sendJson(res, status, body, {
    ...retryHeaders(status, retryAfterOf(error)),
    ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
  });
}
