import type { ApiErrorData } from '@kubetrail/api';

export type QueryPosition = NonNullable<ApiErrorData['position']>;

export const queryPositionOf = (error: unknown): QueryPosition | null =>
  (error as { data?: ApiErrorData | null } | null)?.data?.position ?? null;

/** The server ends a query error's message with its position; shown apart, it would be said twice. */
export const withoutPosition = (message: string): string => message.replace(/ at (line \d+, )?column \d+$/, '');

/** The query's line at `position` and a caret under its column; tabs stay tabs so the caret lines up. */
export function caretAt(source: string, position: QueryPosition): { line: string; caret: string } {
  const line = source.split('\n')[position.line - 1] ?? '';
  return { line, caret: `${line.slice(0, position.column - 1).replace(/[^\t]/g, ' ')}^` };
}
