import { AuditEventSchema, formatFieldPath, type AuditEvent } from '@kubetrail/contracts';

export type Decoded = { kind: 'event'; event: AuditEvent } | { kind: 'invalid'; reason: string } | { kind: 'empty' };

/**
 * One log line to one audit event (v1 or v1beta1). The parsed value itself is
 * kept, not the validator's copy: field order and unknown fields stay exactly
 * as the apiserver wrote them.
 */
export function decodeLine(text: string): Decoded {
  if (text.trim() === '') return { kind: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: 'invalid', reason: `not JSON: ${(err as Error).message}` };
  }
  const result = AuditEventSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? formatFieldPath(issue.path) : '';
    return { kind: 'invalid', reason: `not an audit event: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}` };
  }
  return { kind: 'event', event: value as AuditEvent };
}
