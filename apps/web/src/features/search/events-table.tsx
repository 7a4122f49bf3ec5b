'use client';
import { Table } from '@mantine/core';
import { useState } from 'react';
import { auditIdOf, type EventColumn } from './event-columns';
import { EventDrawer } from './event-drawer';

/** The page's events, newest first; a row opens the event's JSON. */
export function EventsTable({ events, columns }: { events: unknown[]; columns: EventColumn[] }) {
  const [open, setOpen] = useState<{ event: unknown } | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label="Matching events" striped highlightOnHover verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.id}>{c.label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((event, i) => (
              <Table.Tr
                key={`${i}-${auditIdOf(event)}`}
                data-audit-id={auditIdOf(event)}
                onClick={() => setOpen({ event })}
                onKeyDown={(e) => e.key === 'Enter' && setOpen({ event })}
                tabIndex={0}
                style={{ cursor: 'pointer' }}
              >
                {columns.map((c) => (
                  <Table.Td key={c.id} style={c.id === 'time' ? { whiteSpace: 'nowrap' } : undefined}>
                    {c.value(event)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {open && <EventDrawer event={open.event} onClose={() => setOpen(null)} />}
    </>
  );
}
