import { z } from 'zod';
import { DisplayNameSchema } from './display-name';

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const AlertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

const name = DisplayNameSchema;

/**
 * An alert rule as people write it: in the console's form and in a
 * detection-as-code YAML file (`kubetrail alert apply`). Clusters and
 * channels are named, not referenced by id, so a file reads the same in
 * every installation. Strict: an unknown field is an error, not ignored.
 */
export const AlertRuleSpecSchema = z
  .object({
    name,
    description: z.string().max(2_000).default(''),
    /** a query in the SLS dialect: a search, optionally `| SELECT …` */
    query: z.string().min(1).max(20_000),
    /** clusters of the project to watch; empty or absent: all of them */
    clusters: z.array(name).max(100).default([]),
    everyMinutes: z.number().int().min(1).max(1_440).default(5),
    /** defaults to everyMinutes, so consecutive windows tile time */
    windowMinutes: z.number().int().min(1).max(10_080).optional(),
    /** a trigger expression in the SLS alert syntax, e.g. `Event =~ ".*"` */
    condition: z.string().min(1).max(4_000).default('Event =~ ".*"'),
    severity: AlertSeveritySchema.default('medium'),
    labels: z.record(z.string().max(100), z.string().max(500)).default({}),
    groupBy: z.array(z.string().min(1).max(200)).max(10).default([]),
    /** no repeat notification for the same group within this many minutes; 0: notify every window */
    throttleMinutes: z.number().int().min(0).max(10_080).default(0),
    /** `{{ Column }}` placeholders take the first matching row's values; empty: the default template */
    template: z.string().max(4_000).default(''),
    notifyRecovery: z.boolean().default(false),
    enabled: z.boolean().default(true),
    channels: z.array(name).max(20).default([]),
    /** the built-in detection the rule was made from, if any */
    detection: z.string().max(100).optional(),
  })
  .strict()
  .refine((r) => r.windowMinutes === undefined || r.windowMinutes >= r.everyMinutes, {
    message: 'windowMinutes must be at least everyMinutes, or no event would be checked between windows',
    path: ['windowMinutes'],
  });
export type AlertRuleSpec = z.infer<typeof AlertRuleSpecSchema>;
export type AlertRuleSpecInput = z.input<typeof AlertRuleSpecSchema>;

/**
 * A channel as people write it; `settings` are checked against the kind's
 * own schema by the notification package, which alone knows each kind.
 * The console's message center is not among them: every notification is
 * posted there as well.
 */
export const AlertChannelSpecSchema = z
  .object({
    name,
    kind: z.enum(['webhook', 'dingtalk', 'slack', 'email']),
    settings: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type AlertChannelSpec = z.infer<typeof AlertChannelSpecSchema>;

/** What `kubetrail alert apply` reads: a project's channels and rules. */
export const AlertFileSchema = z
  .object({
    channels: z.array(AlertChannelSpecSchema).default([]),
    rules: z.array(AlertRuleSpecSchema).default([]),
  })
  .strict();
export type AlertFile = z.infer<typeof AlertFileSchema>;
