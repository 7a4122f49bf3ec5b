import { Text } from '@mantine/core';
import { changedFields } from './changed-fields';

/** One line per field: `field: before → after`; a creation shows the new value, a removal the old one struck through. */
export function ChangeSummary({ before, after }: { before: unknown; after: unknown }) {
  const lines = changedFields(before, after);
  if (lines.length === 0) return <Text size="xs">—</Text>;
  return (
    <div data-testid="change">
      {lines.map((l) => (
        <Text key={l.field} size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {l.field}: {l.after === undefined ? <s>{l.before}</s> : l.before === undefined ? l.after : `${l.before} → ${l.after}`}
        </Text>
      ))}
    </div>
  );
}
