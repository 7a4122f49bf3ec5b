import type { EventColumns } from '@kubetrail/enrich';

/** Where a row belongs: the same for every event of a batch. */
export interface RowOrigin {
  clusterId: string;
  batchId: string;
}

// COPY text format: backslash, newline, carriage return and tab are escaped;
// \N is NULL. This runs for every stored event, so the common case (nothing
// to escape) costs one regex test and no allocation.
const SPECIAL = /[\\\n\r\t]/;

function escapeText(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\t', '\\t');
}

function text(value: string | null): string {
  if (value === null) return '\\N';
  return SPECIAL.test(value) ? escapeText(value) : value;
}

// Array literal elements are always double-quoted, with " and \ escaped,
// before the whole literal gets COPY's own escaping.
function textArray(values: string[] | null): string {
  if (values === null) return '\\N';
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) literal += ',';
    literal += `"${values[i]!.replace(/["\\]/g, '\\$&')}"`;
  }
  return text(literal + '}');
}

const num = (value: number | null): string => (value === null ? '\\N' : String(value));

/** One COPY text line, columns in EVENT_COPY_COLUMNS order; `eventJson` is the event's JSON text. */
export function formatCopyLine(origin: RowOrigin, row: EventColumns, eventJson: string): string {
  return `${text(origin.clusterId)}\t${text(row.ts)}\t${text(row.requestReceivedAt)}\t${text(row.auditId)}\t${text(row.stage)}\t${text(row.level)}\t${text(row.verb)}\t${text(row.requestUri)}\t${text(row.username)}\t${textArray(row.userGroups)}\t${text(row.userKind)}\t${text(row.impersonatedUser)}\t${text(row.namespace)}\t${text(row.resource)}\t${text(row.subresource)}\t${text(row.objectName)}\t${text(row.apiGroup)}\t${text(row.apiVersion)}\t${num(row.statusCode)}\t${text(row.sourceIp)}\t${text(row.userAgent)}\t${text(row.decision)}\t${text(eventJson)}\t${Buffer.byteLength(eventJson)}\t${text(origin.batchId)}\n`;
}
