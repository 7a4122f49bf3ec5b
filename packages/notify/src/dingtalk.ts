import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { ChannelOf } from './channel-config';
import type { Outcome, SendContext } from './delivery-result';
import { channelUrl, excerpt, postJson, replyOutcome } from './http-post';
import { headline, type Notification } from './notification';

// "send too fast": the robot takes 20 messages a minute.
const RATE_LIMITED = 130101;

// DingTalk answers 200 for its own errors too; the body tells.
const AnswerSchema = z.object({ errcode: z.number(), errmsg: z.string().catch('') });

/** DingTalk's 加签: base64 HMAC-SHA256, keyed by the secret, of `<timestamp ms>\n<secret>`. */
export function dingtalkSign(secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export async function sendDingtalk(config: ChannelOf<'dingtalk'>, n: Notification, ctx: SendContext): Promise<Outcome> {
  const url = channelUrl(config.url);
  if (config.secret) {
    const timestamp = String(Date.now());
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('sign', dingtalkSign(config.secret, timestamp));
  }
  const title = headline(n);
  const text = [`### ${title}`, n.text, `${n.window.from} – ${n.window.to}`].join('\n\n');
  const reply = await postJson(url, JSON.stringify({ msgtype: 'markdown', markdown: { title, text } }), {}, ctx);
  if (reply.status < 200 || reply.status >= 300) return replyOutcome(reply);
  const answer = AnswerSchema.safeParse(parseJson(reply.body));
  if (!answer.success)
    return { ok: false, responseCode: reply.status, error: `dingtalk: not a DingTalk answer: ${excerpt(reply.body)}`, retryable: false };
  if (answer.data.errcode === 0) return { ok: true, responseCode: reply.status };
  return {
    ok: false,
    responseCode: reply.status,
    error: `dingtalk: ${excerpt(answer.data.errmsg)}`,
    retryable: answer.data.errcode === RATE_LIMITED,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
