import {
  AppError,
  AuditEventSchema,
  findUnstorableValue,
  formatFieldPath,
  type AuditEvent,
  type IngestLimits,
} from '@kubetrail/contracts';

/**
 * Checks a whole batch before anything is enqueued: the batch is taken or
 * refused as one, and the first problem is reported with the field's path
 * (`items[3].verb`). Returns the events serialized once, one per line, as
 * they will be stored.
 */
export function validateEvents(items: unknown, limits: IngestLimits, listField: string): ValidatedEvents {
  if (!Array.isArray(items)) throw new AppError('INVALID_EVENT', `${listField}: expected an array of audit events`);
  if (items.length > limits.maxEventsPerBatch)
    throw new AppError('PAYLOAD_TOO_LARGE', `${listField}: ${items.length} events in one batch; the limit is ${limits.maxEventsPerBatch}`);
  let bytes = 0;
  const lines: string[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    const parsed = AuditEventSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('INVALID_EVENT', `${formatFieldPath([listField, i, ...issue.path])}: ${issue.message}`);
    }
    const unstorable = findUnstorableValue(item, [listField, i]);
    if (unstorable) throw new AppError('UNSTORABLE_VALUE', `${formatFieldPath(unstorable.path)}: ${unstorable.reason}`);
    const line = JSON.stringify(item);
    const size = Buffer.byteLength(line);
    if (size > limits.maxEventBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', `${listField}[${i}]: event of ${size} bytes exceeds the ${limits.maxEventBytes}-byte limit`);
    bytes += size;
    // The original is serialized, not zod's copy: an event is stored as received.
    lines[i] = line;
  }
  return { events: items as AuditEvent[], lines, bytes };
}

export interface ValidatedEvents {
  /** the events as received (not zod's copies) */
  events: AuditEvent[];
  /** each event's JSON text, as it will be stored */
  lines: string[];
  bytes: number;
}
