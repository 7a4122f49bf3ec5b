import type { AuditEvent } from '@kubetrail/contracts';

export type Decoded = { kind: 'event'; event: AuditEvent } | { kind: 'invalid'; reason: string } | { kind: 'empty' };

const REQUIRED_STRINGS = ['auditID', 'stage', 'level', 'verb', 'requestURI', 'stageTimestamp', 'requestReceivedTimestamp'] as const;

/**
 * One log line to one audit event (v1 or v1beta1). The parsed value itself is
 * kept: field order and unknown fields stay exactly as the apiserver wrote
 * them. Only what the agent itself relies on is checked here (the policy
 * reads user, verb and objectRef; lag reads stageTimestamp); the ingest
 * validates every field and refuses what is wrong, naming it, and such an
 * event then lands in the agent's rejected folder.
 */
export function decodeLine(text: string): Decoded {
  if (text.trim() === '') return { kind: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: 'invalid', reason: `not JSON: ${(err as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: 'invalid', reason: 'not an audit event: not a JSON object' };
  const record = value as Record<string, unknown>;
  for (const field of REQUIRED_STRINGS)
    if (typeof record[field] !== 'string') return { kind: 'invalid', reason: `not an audit event: ${field} is missing or not a string` };
  if (typeof record.user !== 'object' || record.user === null)
    return { kind: 'invalid', reason: 'not an audit event: user is missing or not an object' };
  return { kind: 'event', event: value as AuditEvent };
}
