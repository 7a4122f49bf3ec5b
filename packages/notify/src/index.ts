export type { Notification } from './notification';
export { ChannelConfigSchema, secretFieldsOf, type ChannelConfig } from './channel-config';
export { parseSecretsKey } from './secret-box';
export { isRedacted, openChannelSecrets, redactChannel, sealChannelSecrets } from './channel-secrets';
export { parseAllowedHosts, type AllowList } from './allow-list';
export type { DeliveryResult } from './delivery-result';
export { deliver } from './deliver';
export { isRetryable, retryDelayMs } from './retry';
export { signWebhook, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './webhook-signature';
