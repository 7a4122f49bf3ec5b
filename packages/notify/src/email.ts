import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import type { ChannelOf } from './channel-config';
import type { Outcome, SendContext } from './delivery-result';
import { headline, type Notification } from './notification';
import { checkedAddresses } from './ssrf-guard';

const MAX_ROWS = 20;

export async function sendEmail(config: ChannelOf<'email'>, n: Notification, ctx: SendContext): Promise<Outcome> {
  const [checked] = await checkedAddresses(config.host, ctx.allowList);
  const transport = createTransport({
    // The checked address, not the name, so nodemailer resolves nothing itself; TLS still verifies the name.
    host: checked!.address,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    tls: isIP(config.host) ? undefined : { servername: config.host },
    connectionTimeout: ctx.timeoutMs,
    greetingTimeout: ctx.timeoutMs,
    socketTimeout: ctx.timeoutMs,
  });
  try {
    const info = await transport.sendMail({ from: config.from, to: config.to, subject: headline(n), text: body(n), signal: ctx.signal });
    return info.rejected.length > 0 ? { ok: true, error: `not accepted for ${info.rejected.join(', ')}` } : { ok: true };
  } catch (error) {
    const code = (error as { responseCode?: unknown }).responseCode;
    const responseCode = typeof code === 'number' ? code : undefined;
    // 5xx is the server's final word; 4xx and no reply at all (connection, TLS, timeout) may pass.
    return {
      ok: false,
      responseCode,
      error: `smtp: ${(error as Error).message}`,
      retryable: responseCode === undefined || responseCode < 500,
    };
  } finally {
    transport.close();
  }
}

function body(n: Notification): string {
  const lines = [n.text, '', `Window: ${n.window.from} – ${n.window.to}`];
  if (n.rows.length > 0) lines.push('', n.rows.length > MAX_ROWS ? `The first ${MAX_ROWS} of ${n.rows.length} rows:` : 'Rows:');
  for (const row of n.rows.slice(0, MAX_ROWS))
    lines.push('', ...Object.entries(row).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`));
  return lines.join('\n');
}
