import { ROLES } from '@kubetrail/contracts';
import { MAX_QUERY_LENGTH } from '@kubetrail/query';
import { z } from 'zod';

// Shapes only; core checks names, emails and ranges and says what is wrong.
const Id = z.string().min(1).max(100);
const Name = z.string().min(1).max(63);
export const RoleSchema = z.enum(ROLES);
export const ClusterTypeSchema = z.enum(['managed', 'dedicated', 'serverless', 'registered']);

export const ProjectCreateInputSchema = z.object({ name: Name });
export const ProjectSwitchInputSchema = z.object({ projectId: Id });

export const MemberInviteInputSchema = z.object({ email: z.string().min(3).max(320), role: RoleSchema });
export const MemberRoleInputSchema = z.object({ userId: Id, role: RoleSchema });
export const MemberInputSchema = z.object({ userId: Id });
export const InvitationInputSchema = z.object({ invitationId: Id });

export const ClusterInputSchema = z.object({ clusterId: Id });
export const ClusterCreateInputSchema = z.object({
  name: Name,
  type: ClusterTypeSchema.default('managed'),
  policyPreset: z.enum(['ack', 'tke', 'none']).default('ack'),
});
export const ClusterAuditInputSchema = z.object({ clusterId: Id, enabled: z.boolean() });
export const ClusterRenameInputSchema = z.object({ clusterId: Id, name: Name });
export const ClusterDeleteInputSchema = z.object({ clusterId: Id, confirmName: z.string().max(200) });
export const TokenInputSchema = z.object({ clusterId: Id, tokenId: Id });

export const AuditTrailInputSchema = z.object({ after: Id.optional(), limit: z.number().int().min(1).max(500).optional() });
export const ClusterRetentionInputSchema = z.object({ clusterId: Id, days: z.number().int() });
export const ClusterMoveInputSchema = z.object({ clusterId: Id, targetProjectId: Id });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');
export const UsageInputSchema = z.object({ clusterId: Id.optional(), from: Day.optional(), to: Day.optional() });
export const BillInputSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM'),
  retentionDays: z.number().int().min(1).max(3650).optional(),
});
export const BudgetAlertInputSchema = BillInputSchema.pick({ month: true });
// A policy is a few kilobytes; the bound keeps a pasted log file out of the parser.
export const PolicyWhatIfInputSchema = z.object({
  clusterId: Id,
  month: BillInputSchema.shape.month,
  source: z
    .string()
    .min(1)
    .max(256 * 1024),
  sinceDays: z.number().int().min(1).max(30),
});
export const PricesInputSchema = z.object({
  currency: z.string().length(3),
  perGBIngested: z.number(),
  perGBMonthStored: z.number(),
  perMillionEvents: z.number(),
  monthlyBudget: z.number().nullable(),
});

// Alert rules and channels are checked whole by core (AlertRuleSpecSchema,
// the channel kinds' schemas), which names the field at fault.
const Ref = z.string().min(1).max(200);
export const AlertRuleRefInputSchema = z.object({ rule: Ref });
export const AlertRuleSaveInputSchema = z.object({ rule: z.record(z.string(), z.unknown()) });
export const AlertRuleCheckInputSchema = z.object({
  query: z.string().max(20_000),
  condition: z.string().max(4_000),
  template: z.string().max(4_000).default(''),
  groupBy: z.array(z.string().max(200)).max(10).default([]),
});
export const AlertRuleEnableInputSchema = z.object({ rule: Ref, enabled: z.boolean() });
export const AlertRuleTestInputSchema = z.object({ rule: Ref, sinceDays: z.number().int().min(1).max(7) });
export const AlertFromDetectionInputSchema = z.object({ detection: Ref, channels: z.array(Ref).max(20).default([]) });
export const AlertChannelRefInputSchema = z.object({ channel: Ref });
export const AlertChannelSaveInputSchema = z.object({ channel: z.record(z.string(), z.unknown()) });
export const AlertHistoryInputSchema = z.object({
  rule: Ref.optional(),
  /** windows ending in [from, to] */
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  firedOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(1_000).default(100),
});
export const MessagesReadInputSchema = z.object({ messageIds: z.array(Id).max(500).optional() });

// Saved queries are checked whole by core (SavedQueryInputSchema and the
// query parser); these bounds only keep oversized bodies out.
export const SavedQuerySaveInputSchema = z.object({
  name: z.string().max(1_000),
  query: z.string().max(MAX_QUERY_LENGTH),
  description: z.string().max(10_000).optional(),
});
export const SavedQueryRefInputSchema = z.object({ savedQuery: Ref });
