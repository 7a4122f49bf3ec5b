import { Code, Stack } from '@mantine/core';

const shown = (value: unknown): string => {
  if (Array.isArray(value)) return value.join(', ');
  if (value !== null && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('; ');
  return String(value);
};

/** A channel's settings as the server gives them: secrets already replaced by a marker. */
export function ChannelSettings({ settings }: { settings: Record<string, unknown> }) {
  return (
    <Stack gap={2}>
      {Object.entries(settings).map(([key, value]) => (
        <Code key={key} style={{ wordBreak: 'break-all' }}>
          {key}: {shown(value)}
        </Code>
      ))}
    </Stack>
  );
}
