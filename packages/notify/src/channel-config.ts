import { z } from 'zod';
import { isHostOrIp } from './hostname';
import { isSealed } from './secret-box';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './webhook-signature';

// Sealed secrets are longer than what they seal.
const SECRET_MAX = 4_096;

const secret = z.string().min(1).max(SECRET_MAX);

function urlProblem(value: string, protocols: readonly string[]): string | undefined {
  if (!URL.canParse(value)) return 'must be a URL';
  const url = new URL(value);
  if (!protocols.includes(url.protocol)) return `must be an ${protocols.map((p) => p.slice(0, -1)).join(' or ')} URL`;
  // Whoever may see the channel would see them: the URL is shown as it is.
  if (url.username || url.password) return 'must not hold a user name or password';
  return undefined;
}

/** A URL field; a secret one also takes its sealed form, which is how it is stored. */
const urlField = (protocols: readonly string[], { secret }: { secret: boolean }) =>
  z
    .string()
    .max(secret ? SECRET_MAX : 2_048)
    .superRefine((value, ctx) => {
      const problem =
        secret && value.startsWith('v1:') ? (isSealed(value) ? undefined : 'is not a sealed secret') : urlProblem(value, protocols);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

// Set by the sender: a channel must not be able to forge or break them.
const RESERVED_HEADERS = new Set(
  ['host', 'content-length', 'content-type', 'transfer-encoding', 'connection', WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER].map(
    (h) => h.toLowerCase(),
  ),
);

function headerNameProblem(name: string): string | undefined {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(name)) return 'is not an HTTP header name';
  if (RESERVED_HEADERS.has(name.toLowerCase())) return 'is set by Kubetrail';
  return undefined;
}

const headerValue = z
  .string()
  .max(4_000)
  .refine((value) => !/[\r\n\0]/.test(value), 'must not contain line breaks')
  .refine((value) => /^[\t\x20-\x7e]*$/.test(value), 'must be printable ASCII');

const WebhookConfigSchema = z
  .object({
    kind: z.literal('webhook'),
    url: urlField(['http:', 'https:'], { secret: false }),
    /** signs every request; see signWebhook */
    secret: secret.optional(),
    headers: z
      .record(z.string(), headerValue)
      // Checked here rather than as the record's key schema, whose issues all read "Invalid key in record".
      .superRefine((headers, ctx) => {
        const names = Object.keys(headers);
        if (names.length > 20) ctx.addIssue({ code: 'custom', message: 'at most 20 headers' });
        for (const name of names) {
          const problem = headerNameProblem(name);
          if (problem) ctx.addIssue({ code: 'custom', message: `header ${JSON.stringify(name.slice(0, 100))} ${problem}`, path: [name] });
        }
      })
      .optional(),
  })
  .strict();

/** A DingTalk custom robot; `secret` is its 加签 signing secret. */
const DingtalkConfigSchema = z
  .object({
    kind: z.literal('dingtalk'),
    url: urlField(['https:'], { secret: true }),
    secret: secret.optional(),
  })
  .strict();

/** A Slack incoming webhook, whose URL is its only credential. */
const SlackConfigSchema = z
  .object({
    kind: z.literal('slack'),
    url: urlField(['https:'], { secret: true }),
  })
  .strict();

const EmailConfigSchema = z
  .object({
    kind: z.literal('email'),
    host: z.string().refine(isHostOrIp, 'must be a hostname or an IP address'),
    port: z.number().int().min(1).max(65_535).default(587),
    /** TLS from the start (usually port 465); otherwise STARTTLS when the server offers it */
    secure: z.boolean().default(false),
    user: z.string().min(1).max(256).optional(),
    password: secret.optional(),
    from: z.email(),
    to: z.array(z.email()).min(1).max(50),
  })
  .strict();

export const ChannelConfigSchema = z.discriminatedUnion('kind', [
  WebhookConfigSchema,
  DingtalkConfigSchema,
  SlackConfigSchema,
  EmailConfigSchema,
]);
export type ChannelConfig = z.infer<typeof ChannelConfigSchema>;
export type ChannelOf<K extends ChannelConfig['kind']> = Extract<ChannelConfig, { kind: K }>;

const SECRET_FIELDS = {
  // Header values carry tokens (Authorization: Bearer …); each is sealed, the names stay readable.
  webhook: ['secret', 'headers'],
  // The robot's access_token is in its URL.
  dingtalk: ['url', 'secret'],
  slack: ['url'],
  email: ['password'],
} as const satisfies Record<ChannelConfig['kind'], readonly string[]>;

/** The fields sealed at rest and redacted when shown (a record field: each of its values). */
export function secretFieldsOf(kind: ChannelConfig['kind']): readonly string[] {
  return SECRET_FIELDS[kind];
}
