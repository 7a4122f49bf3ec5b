import type { EventColumns } from '@kubetrail/enrich';

/** One event ready for COPY: its columns plus the serialized event. */
export interface EventRow extends EventColumns {
  clusterId: string;
  eventJson: string;
  batchId: string;
}

// COPY text format: backslash, newline, carriage return and tab are escaped;
// \N is NULL.
const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function text(value: string | null): string {
  if (value === null) return '\\N';
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : value;
}

// Array literal elements are always double-quoted, with " and \ escaped,
// before the whole literal gets COPY's own escaping.
function textArray(values: string[] | null): string {
  if (values === null) return '\\N';
  const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return text(literal);
}

const num = (value: number | null): string => (value === null ? '\\N' : String(value));

export function formatCopyLine(row: EventRow): string {
  return (
    [
      text(row.clusterId),
      text(row.ts),
      text(row.requestReceivedAt),
      text(row.auditId),
      text(row.stage),
      text(row.level),
      text(row.verb),
      text(row.requestUri),
      text(row.username),
      textArray(row.userGroups),
      text(row.userKind),
      text(row.impersonatedUser),
      text(row.namespace),
      text(row.resource),
      text(row.subresource),
      text(row.objectName),
      text(row.apiGroup),
      text(row.apiVersion),
      num(row.statusCode),
      text(row.sourceIp),
      text(row.userAgent),
      text(row.decision),
      text(row.eventJson),
      String(Buffer.byteLength(row.eventJson)),
      text(row.batchId),
    ].join('\t') + '\n'
  );
}
