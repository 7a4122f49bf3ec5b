import { secretFieldsOf, type ChannelConfig } from './channel-config';
import { isSealed, openSecret, sealSecret } from './secret-box';

const HIDDEN = '••••••';

/** The config as stored: every secret it holds sealed with the operator's key. */
export function sealChannelSecrets(config: ChannelConfig, key: Buffer): ChannelConfig {
  return mapSecrets(config, (value) => sealSecret(value, key, config.kind));
}

/** The config as sent with; throws when a secret was sealed with another key or is not sealed. */
export function openChannelSecrets(config: ChannelConfig, key: Buffer): ChannelConfig {
  return mapSecrets(config, (value) => openSecret(value, key, config.kind));
}

/** The config as shown: secrets hidden, though a secret URL keeps its host so people can tell channels apart. */
export function redactChannel(config: ChannelConfig): ChannelConfig {
  return mapSecrets(config, (value, field) =>
    field === 'url' && !isSealed(value) && URL.canParse(value) ? `${new URL(value).origin}/${HIDDEN}` : HIDDEN,
  );
}

/** Whether a value is what `redactChannel` shows: a form sending it back means "keep the stored secret". */
export const isRedacted = (value: unknown): boolean => typeof value === 'string' && value.includes(HIDDEN);

function mapSecrets(config: ChannelConfig, map: (value: string, field: string) => string): ChannelConfig {
  const mapped: Record<string, unknown> = { ...config };
  for (const field of secretFieldsOf(config.kind)) {
    const value = mapped[field];
    if (typeof value === 'string') mapped[field] = map(value, field);
  }
  return mapped as ChannelConfig;
}
