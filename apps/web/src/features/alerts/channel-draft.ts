import type { AlertChannelSpec } from '@kubetrail/contracts';
import { splitList } from './rule-draft';

export type ChannelKind = AlertChannelSpec['kind'];

export const CHANNEL_KINDS: { value: ChannelKind; label: string }[] = [
  { value: 'webhook', label: 'Webhook' },
  { value: 'dingtalk', label: 'DingTalk robot' },
  { value: 'slack', label: 'Slack incoming webhook' },
  { value: 'email', label: 'Email (SMTP)' },
];

/** Every kind's fields in one shape, so switching kinds in the form keeps what was typed. */
export interface ChannelDraft {
  name: string;
  kind: ChannelKind;
  url: string;
  secret: string;
  /** one `Name: value` a line */
  headers: string;
  host: string;
  port: number | string;
  secure: boolean;
  user: string;
  password: string;
  from: string;
  /** comma-separated addresses */
  to: string;
}

export const emptyChannelDraft = (): ChannelDraft => ({
  name: '',
  kind: 'webhook',
  url: '',
  secret: '',
  headers: '',
  host: '',
  port: 587,
  secure: false,
  user: '',
  password: '',
  from: '',
  to: '',
});

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * A draft of a stored channel. Its settings come redacted, so secret fields
 * start empty; the server keeps a stored secret that an update leaves empty.
 */
export function draftFromChannel(channel: { name: string; kind: ChannelKind; settings: Record<string, unknown> }): ChannelDraft {
  const s = channel.settings;
  const headers = (s.headers ?? {}) as Record<string, string>;
  return {
    ...emptyChannelDraft(),
    name: channel.name,
    kind: channel.kind,
    url: isSecretField(channel.kind, 'url') ? '' : text(s.url),
    headers: Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
    host: text(s.host),
    port: typeof s.port === 'number' ? s.port : 587,
    secure: s.secure === true,
    user: text(s.user),
    from: text(s.from),
    to: Array.isArray(s.to) ? s.to.join(', ') : '',
  };
}

// The fields the server seals and redacts (for DingTalk and Slack the URL carries the token).
const SECRET_FIELDS: Record<ChannelKind, readonly string[]> = {
  webhook: ['secret'],
  dingtalk: ['url', 'secret'],
  slack: ['url'],
  email: ['password'],
};
export const isSecretField = (kind: ChannelKind, field: string) => SECRET_FIELDS[kind].includes(field);

function parseHeaders(lines: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    // A line without a colon is a header with an empty value.
    if (colon < 0) headers[line.trim()] = '';
    else headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The channel spec the server checks against the kind's own schema. */
export function specOfChannelDraft(d: ChannelDraft): AlertChannelSpec {
  const settings: Record<ChannelKind, Record<string, unknown>> = {
    webhook: { url: d.url, secret: d.secret, headers: parseHeaders(d.headers) },
    dingtalk: { url: d.url, secret: d.secret },
    slack: { url: d.url },
    email: { host: d.host, port: Number(d.port), secure: d.secure, user: d.user, password: d.password, from: d.from, to: splitList(d.to) },
  };
  return { name: d.name, kind: d.kind, settings: settings[d.kind] };
}
