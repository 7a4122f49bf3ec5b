import type { Operand, Trigger } from './trigger-syntax';

export type Row = Readonly<Record<string, unknown>>;

/**
 * Whether a result row meets the condition. A column the row lacks reads as
 * the empty string, so `Event =~ ".*"` holds for any row, as it does in the
 * seeds' rules over queries that return no column named Event; ordering
 * comparisons hold only between numbers.
 */
export function evaluateTrigger(t: Trigger, row: Row, previous?: Row): boolean {
  switch (t.kind) {
    case 'and':
      return evaluateTrigger(t.left, row, previous) && evaluateTrigger(t.right, row, previous);
    case 'or':
      return evaluateTrigger(t.left, row, previous) || evaluateTrigger(t.right, row, previous);
    case 'not':
      return !evaluateTrigger(t.operand, row, previous);
    case 'compare': {
      const left = valueOf(t.left, row, previous);
      if (t.pattern) return t.pattern.test(text(left)) === (t.op === '=~');
      const right = valueOf(t.right, row, previous);
      if (t.op === '==' || t.op === '!=') return equal(left, right) === (t.op === '==');
      const [a, b] = [numberOf(left), numberOf(right)];
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return t.op === '>' ? a > b : t.op === '<' ? a < b : t.op === '>=' ? a >= b : a <= b;
    }
  }
}

function valueOf(o: Operand, row: Row, previous: Row | undefined): unknown {
  if (o.kind !== 'column') return o.value;
  return (o.previous ? previous : row)?.[o.name];
}

function equal(a: unknown, b: unknown): boolean {
  const [x, y] = [numberOf(a), numberOf(b)];
  if (
    !Number.isNaN(x) &&
    !Number.isNaN(y) &&
    (typeof a === 'number' || typeof b === 'number' || typeof a === 'bigint' || typeof b === 'bigint')
  )
    return x === y;
  return text(a) === text(b);
}

function numberOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return Number.NaN;
}

export function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
