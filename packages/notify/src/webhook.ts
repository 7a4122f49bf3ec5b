import type { ChannelOf } from './channel-config';
import type { Outcome, SendContext } from './delivery-result';
import { channelUrl, postJson, replyOutcome } from './http-post';
import type { Notification } from './notification';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './webhook-signature';

export async function sendWebhook(config: ChannelOf<'webhook'>, n: Notification, ctx: SendContext): Promise<Outcome> {
  const body = JSON.stringify({
    id: n.id,
    rule: n.rule,
    severity: n.severity,
    status: n.status,
    text: n.text,
    window: n.window,
    group: n.group,
    rows: n.rows,
    firedAt: n.firedAt,
  });
  const headers: Record<string, string> = { ...config.headers };
  if (config.secret) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    headers[WEBHOOK_TIMESTAMP_HEADER] = timestamp;
    headers[WEBHOOK_SIGNATURE_HEADER] = signWebhook(config.secret, timestamp, body);
  }
  return replyOutcome(await postJson(channelUrl(config.url), body, headers, ctx));
}
