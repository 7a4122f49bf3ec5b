import type { ChannelOf } from './channel-config';
import type { Outcome, SendContext } from './delivery-result';
import { channelUrl, postJson, replyOutcome } from './http-post';
import { headline, type Notification } from './notification';

// Slack reads these three as markup (links, mentions) in any message text.
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Slack incoming webhook; it answers `ok`, or a 4xx with the reason (`no_service`, `invalid_token`…). */
export async function sendSlack(config: ChannelOf<'slack'>, n: Notification, ctx: SendContext): Promise<Outcome> {
  const text = `*${escape(headline(n))}*\n${escape(n.text)}`;
  return replyOutcome(await postJson(channelUrl(config.url), JSON.stringify({ text }), {}, ctx));
}
