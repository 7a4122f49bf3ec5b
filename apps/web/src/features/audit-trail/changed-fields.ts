export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : v === null || v === undefined
      ? {}
      : { value: v };
const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The fields a change touched: both sides where both exist and differ, the one side otherwise. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  return fields.flatMap((field): FieldChange[] => {
    const old = field in b ? text(b[field]) : undefined;
    const now = field in a ? text(a[field]) : undefined;
    if (hasBefore && hasAfter && old === now) return [];
    if (!hasAfter) return [{ field, ...(old !== undefined ? { before: old } : {}) }];
    return [{ field, ...(hasBefore && old !== undefined ? { before: old } : {}), ...(now !== undefined ? { after: now } : {}) }];
  });
}
