import { Button, Code, CopyButton, Drawer, Stack } from '@mantine/core';
import { auditIdOf } from './event-columns';

/** One event as stored, to read whole or copy into a ticket. */
export function EventDrawer({ event, onClose }: { event: unknown; onClose: () => void }) {
  const json = JSON.stringify(event, null, 2);
  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={`Event ${auditIdOf(event)}`}>
      <Stack gap="xs">
        <CopyButton value={json}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy} w="fit-content">
              {copied ? 'Copied' : 'Copy JSON'}
            </Button>
          )}
        </CopyButton>
        <Code block data-testid="event-json" fz="xs">
          {json}
        </Code>
      </Stack>
    </Drawer>
  );
}
