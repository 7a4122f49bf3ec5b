import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { EVENT_COLUMNS } from './event-columns';

/** Which columns the events table shows; the last one cannot go, or rows would be blank lines to click. */
export function ColumnChooser({ value, onChange }: { value: string[]; onChange: (ids: string[]) => void }) {
  return (
    <Popover position="bottom-start" shadow="md" withinPortal>
      <Popover.Target>
        <Button size="xs" variant="default">
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group value={value} onChange={onChange} aria-label="Columns shown">
          <Stack gap={6}>
            {EVENT_COLUMNS.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.label} size="xs" disabled={value.length === 1 && value[0] === c.id} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}
