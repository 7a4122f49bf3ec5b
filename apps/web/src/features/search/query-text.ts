import { pipeOffset } from '@kubetrail/query/pipe-offset';

export const isAnalyticsQuery = (source: string): boolean => pipeOffset(source) >= 0;

const quoted = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * The query narrowed to events whose `field` has `value`; a null value
 * narrows to events without the field. A search with `or` is parenthesised
 * first: `and` binds tighter, so it would narrow the last branch only.
 */
export function withFilter(source: string, field: string, value: string | null): string {
  const pipe = pipeOffset(source);
  const search = (pipe < 0 ? source : source.slice(0, pipe)).trim();
  const analytics = pipe < 0 ? '' : ` ${source.slice(pipe)}`;
  const term = value === null ? `not ${field}: *` : `${field}: ${quoted(value)}`;
  if (search === '' || search === '*') return term + analytics;
  return `${/\bor\b/i.test(search) ? `(${search})` : search} and ${term}${analytics}`;
}
