import type { ApiErrorData } from '@kubetrail/api';

/** The server's words for a failed call; tRPC errors carry them as `message`. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'something went wrong';
}

export const errorAppCode = (error: unknown): string | null => (error as { data?: ApiErrorData | null } | null)?.data?.appCode ?? null;
