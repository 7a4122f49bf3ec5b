import type { AllowList } from './allow-list';
import type { ChannelConfig } from './channel-config';
import { Refused, type DeliveryResult, type Outcome, type SendContext } from './delivery-result';
import { sendDingtalk } from './dingtalk';
import { sendEmail } from './email';
import type { Notification } from './notification';
import { sendSlack } from './slack';
import { sendWebhook } from './webhook';

/** One attempt to send a notification to a channel. A failure is a result, never an exception. */
export async function deliver(
  config: ChannelConfig,
  notification: Notification,
  options: { allowList: AllowList; timeoutMs: number },
): Promise<DeliveryResult> {
  const started = performance.now();
  const outcome = await withDeadline(options.timeoutMs, (signal) =>
    send(config, notification, { allowList: options.allowList, signal, timeoutMs: options.timeoutMs }),
  ).catch(failure);
  return { ...outcome, durationMs: performance.now() - started };
}

function send(config: ChannelConfig, notification: Notification, ctx: SendContext): Promise<Outcome> {
  switch (config.kind) {
    case 'webhook':
      return sendWebhook(config, notification, ctx);
    case 'dingtalk':
      return sendDingtalk(config, notification, ctx);
    case 'slack':
      return sendSlack(config, notification, ctx);
    case 'email':
      return sendEmail(config, notification, ctx);
  }
}

// One deadline for the whole attempt (DNS, connection, answer): per-step timeouts would add up.
function withDeadline<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out after ${ms} ms`));
      controller.abort();
    }, ms);
  });
  return Promise.race([run(controller.signal), deadline]).finally(() => clearTimeout(timer));
}

function failure(error: unknown): Outcome {
  if (error instanceof Refused) return { ok: false, refused: true, error: error.message };
  return { ok: false, error: describe(error) };
}

// Connecting to several addresses fails with an AggregateError, whose own message is empty.
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describe).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
