import { dateTime } from '../../lib/format';

// Events come as the stored audit JSON: any field may be missing or of another type.
const at = (event: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), event);

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

export interface EventColumn {
  id: string;
  label: string;
  value: (event: unknown) => string;
}

export const EVENT_COLUMNS: readonly EventColumn[] = [
  {
    id: 'time',
    label: 'Time',
    value: (e) => {
      const t = at(e, 'stageTimestamp') ?? at(e, 'requestReceivedTimestamp');
      return typeof t === 'string' ? dateTime(t) : '';
    },
  },
  { id: 'user', label: 'User', value: (e) => text(at(e, 'user', 'username')) },
  { id: 'verb', label: 'Verb', value: (e) => text(at(e, 'verb')) },
  {
    id: 'resource',
    label: 'Resource',
    value: (e) =>
      [at(e, 'objectRef', 'resource'), at(e, 'objectRef', 'subresource')]
        .map(text)
        .filter((s) => s !== '')
        .join('/'),
  },
  { id: 'namespace', label: 'Namespace', value: (e) => text(at(e, 'objectRef', 'namespace')) },
  { id: 'name', label: 'Name', value: (e) => text(at(e, 'objectRef', 'name')) },
  { id: 'code', label: 'Code', value: (e) => text(at(e, 'responseStatus', 'code')) },
  { id: 'sourceIP', label: 'Source IP', value: (e) => text(at(e, 'sourceIPs', '0')) },
];

export const auditIdOf = (event: unknown): string => text(at(event, 'auditID'));
