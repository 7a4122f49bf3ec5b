import { AppError, isAppError, type ErrorCode } from '@kubetrail/contracts';

export interface OutputOptions {
  json?: boolean;
}

const EXIT_CODES: Partial<Record<ErrorCode, number>> = { BAD_REQUEST: 2, NOT_FOUND: 3, CONFLICT: 4, UNAUTHORIZED: 5, QUOTA_EXCEEDED: 6 };

function toJsonValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function human(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => human(v)).join('\n---\n') || '(none)';
  if (value && typeof value === 'object')
    return Object.entries(toJsonValue(value) as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
      .join('\n');
  return String(value);
}

export function print(value: unknown, opts: OutputOptions): void {
  process.stdout.write(opts.json ? `${JSON.stringify(value)}\n` : `${human(value)}\n`);
}

/** Errors go to stderr: JSON `{"error":{"code","message"}}` with --json, a sentence otherwise; the exit code says the kind. */
export function fail(error: unknown, opts: OutputOptions): never {
  const appError = isAppError(error) ? error : new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
  if (opts.json) process.stderr.write(`${JSON.stringify({ error: { code: appError.code, message: appError.message } })}\n`);
  else process.stderr.write(`kubetrail: ${appError.message}\n`);
  process.exit(EXIT_CODES[appError.code] ?? 1);
}
