import { secretFieldsOf, type ChannelConfig } from './channel-config';
import { openSecret, sealSecret } from './secret-box';

const HIDDEN = '••••••';

/** The config as stored: every secret it holds sealed with the operator's key. */
export function sealChannelSecrets(config: ChannelConfig, key: Buffer): ChannelConfig {
  return mapSecrets(config, (value) => sealSecret(value, key, config.kind));
}

/** The config as sent with; throws when a secret was sealed with another key or is not sealed. */
export function openChannelSecrets(config: ChannelConfig, key: Buffer): ChannelConfig {
  return mapSecrets(config, (value) => openSecret(value, key, config.kind));
}

/** The config as shown: every secret hidden; channels are told apart by their names. */
export function redactChannel(config: ChannelConfig): ChannelConfig {
  return mapSecrets(config, () => HIDDEN);
}

/** Whether a value is what `redactChannel` shows: a form sending it back means "keep the stored secret". */
export const isRedacted = (value: unknown): boolean => typeof value === 'string' && value.includes(HIDDEN);

function mapSecrets(config: ChannelConfig, map: (value: string) => string): ChannelConfig {
  const mapped: Record<string, unknown> = { ...config };
  for (const field of secretFieldsOf(config.kind)) {
    const value = mapped[field];
    if (typeof value === 'string') mapped[field] = map(value);
    else if (value !== null && typeof value === 'object')
      mapped[field] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? map(v) : v]));
  }
  return mapped as ChannelConfig;
}
