import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SIGNATURE_HEADER = 'X-Kubetrail-Signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'X-Kubetrail-Timestamp';

/**
 * `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`. The timestamp
 * (unix seconds, also sent as a header) is signed too, so a receiver can
 * refuse replays of old requests.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
