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
 * (`items[3].verb`). Returns the serialized size of the events.
 */
export function validateEvents(items: unknown, limits: IngestLimits, listField: string): { events: AuditEvent[]; bytes: number } {
  if (!Array.isArray(items)) throw new AppError('INVALID_EVENT', `${listField}: expected an array of audit events`);
  if (items.length > limits.maxEventsPerBatch)
    throw new AppError('PAYLOAD_TOO_LARGE', `${listField}: ${items.length} events in one batch; the limit is ${limits.maxEventsPerBatch}`);
  let bytes = 0;
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    const parsed = AuditEventSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('INVALID_EVENT', `${formatFieldPath([listField, i, ...issue.path])}: ${issue.message}`);
    }
    const unstorable = findUnstorableValue(item, [listField, i]);
    if (unstorable) throw new AppError('UNSTORABLE_VALUE', `${formatFieldPath(unstorable.path)}: ${unstorable.reason}`);
    const size = Buffer.byteLength(JSON.stringify(item));
    if (size > limits.maxEventBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', `${listField}[${i}]: event of ${size} bytes exceeds the ${limits.maxEventBytes}-byte limit`);
    bytes += size;
  }
  // The originals are enqueued, not zod's copies: an event is stored exactly as received.
  return { events: items as AuditEvent[], bytes };
}
