import type { AuditLevel } from '@kubetrail/contracts';

export const LEVEL_RANK: Record<AuditLevel, number> = { None: 0, Metadata: 1, Request: 2, RequestResponse: 3 };

/** Trimming never raises a level: an event keeps the lower of its recorded level and the policy's. */
export const effectiveLevel = (recorded: AuditLevel, policy: AuditLevel): AuditLevel =>
  LEVEL_RANK[recorded] <= LEVEL_RANK[policy] ? recorded : policy;
