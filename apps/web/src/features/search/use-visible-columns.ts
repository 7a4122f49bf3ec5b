'use client';
import { useLocalStorage } from '@mantine/hooks';
import { EVENT_COLUMNS, type EventColumn } from './event-columns';

const ALL = EVENT_COLUMNS.map((c) => c.id);

/** The columns the user keeps, remembered in this browser; all of them when the stored ids name none of today's. */
export function useVisibleColumns(): { columns: EventColumn[]; ids: string[]; setIds: (ids: string[]) => void } {
  const [stored, setStored] = useLocalStorage<string[]>({ key: 'kubetrail-search-columns', defaultValue: ALL });
  const kept = EVENT_COLUMNS.filter((c) => stored.includes(c.id));
  const columns = kept.length > 0 ? kept : [...EVENT_COLUMNS];
  return { columns, ids: columns.map((c) => c.id), setIds: setStored };
}
