import { dateTime } from '../../lib/format';

/** A result cell as text: times as the console writes them, arrays and objects as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateTime(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
