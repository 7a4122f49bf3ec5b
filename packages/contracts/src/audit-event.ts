import { z } from 'zod';
import { AUDIT_LEVELS, AUDIT_STAGES } from './audit-vocabulary';

export { AUDIT_LEVELS, AUDIT_STAGES, type AuditLevel, type AuditStage } from './audit-vocabulary';
export const AuditLevelSchema = z.enum(AUDIT_LEVELS);
export const AuditStageSchema = z.enum(AUDIT_STAGES);

export const AUDIT_API_VERSIONS = ['audit.k8s.io/v1', 'audit.k8s.io/v1beta1'] as const;

// kube-apiserver writes metav1.MicroTime (RFC 3339, up to nanoseconds).
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Every field in range, checked by hand: Date.parse quietly rolls
 * 2026-02-30 over to March, which PostgreSQL would then refuse long after
 * the batch was acknowledged.
 */
function isRealInstant(s: string): boolean {
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetOk = m[8] === 'Z' || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetOk
  );
}

export const TimestampSchema = z
  .string()
  .regex(RFC3339, 'must be an RFC 3339 timestamp')
  .refine(isRealInstant, 'must be a real date and time (each field in range)');

/** PostgreSQL integer: wider values would be refused by the database after acknowledgement. */
export const Int32Schema = z.number().int().min(-2_147_483_648).max(2_147_483_647);

const StringList = z.array(z.string());

// These schemas validate; they are never used to rebuild an event. Callers
// keep the object they parsed, so fields a newer apiserver adds survive even
// though z.object (which Zod compiles to a faster check) leaves them out of its copy.

// Failed authentications carry `user: {}`, so every user field is optional.
export const UserInfoSchema = z.object({
  username: z.string().optional(),
  uid: z.string().optional(),
  groups: StringList.optional(),
  extra: z.record(z.string(), StringList).optional(),
});
export type UserInfo = z.infer<typeof UserInfoSchema>;

export const ObjectReferenceSchema = z.object({
  resource: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
  uid: z.string().optional(),
  apiGroup: z.string().optional(),
  apiVersion: z.string().optional(),
  resourceVersion: z.string().optional(),
  subresource: z.string().optional(),
});
export type ObjectReference = z.infer<typeof ObjectReferenceSchema>;

export const ResponseStatusSchema = z.object({
  code: Int32Schema.optional(),
  status: z.string().optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
});

/** One `audit.k8s.io/v1` (or v1beta1) Event. */
export const AuditEventSchema = z.object({
  apiVersion: z.enum(AUDIT_API_VERSIONS).optional(),
  kind: z.literal('Event').optional(),
  level: AuditLevelSchema,
  auditID: z.string().min(1).max(256),
  stage: AuditStageSchema,
  requestURI: z.string(),
  verb: z.string(),
  user: UserInfoSchema,
  impersonatedUser: UserInfoSchema.optional(),
  sourceIPs: StringList.optional(),
  userAgent: z.string().optional(),
  objectRef: ObjectReferenceSchema.optional(),
  responseStatus: ResponseStatusSchema.optional(),
  requestObject: z.unknown().optional(),
  responseObject: z.unknown().optional(),
  requestReceivedTimestamp: TimestampSchema,
  stageTimestamp: TimestampSchema,
  annotations: z.record(z.string(), z.string()).optional(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const EventListSchema = z.object({
  apiVersion: z.enum(AUDIT_API_VERSIONS),
  kind: z.literal('EventList'),
  items: z.array(AuditEventSchema),
});
export type EventList = z.infer<typeof EventListSchema>;
