import { AppError, AuditEventSchema, findUnstorableValue, formatFieldPath, type AuditEvent, type IngestLimits } from '@kubetrail/contracts';
import type { RawSpans } from './raw-event-spans';

/**
 * Checks a whole batch before anything is enqueued: the batch is taken or
 * refused as one, and the first problem is reported with the field's path
 * (`items[3].verb`). Returns the events serialized once, one per line, as
 * they will be stored.
 */
export function validateEvents(items: unknown, limits: IngestLimits, listField: string, raw?: RawSpans | null): ValidatedEvents {
  if (!Array.isArray(items)) throw new AppError('INVALID_EVENT', `${listField}: expected an array of audit events`);
  if (items.length > limits.maxEventsPerBatch)
    throw new AppError('PAYLOAD_TOO_LARGE', `${listField}: ${items.length} events in one batch; the limit is ${limits.maxEventsPerBatch}`);
  // The texts as received, when the body could be split (it always can once
  // JSON.parse accepted it; otherwise each event is serialized again).
  const rawTexts = raw && raw.spans.length === items.length ? raw.spans : undefined;
  let bytes = 0;
  const lines: string[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    const parsed = AuditEventSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('INVALID_EVENT', `${formatFieldPath([listField, i, ...issue.path])}: ${issue.message}`);
    }
    const unstorable = findUnstorableValue(item, [listField, i], { numbersFromText: rawTexts !== undefined });
    if (unstorable) throw new AppError('UNSTORABLE_VALUE', `${formatFieldPath(unstorable.path)}: ${unstorable.reason}`);
    if (rawTexts && raw!.unstorableNumberAt === i)
      throw new AppError('UNSTORABLE_VALUE', `${listField}[${i}]: holds a number too large or too precise for PostgreSQL to store`);
    const line = rawTexts ? rawTexts[i]! : JSON.stringify(item);
    const size = Buffer.byteLength(line);
    if (size > limits.maxEventBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', `${listField}[${i}]: event of ${size} bytes exceeds the ${limits.maxEventBytes}-byte limit`);
    bytes += size;
    lines[i] = line;
  }
  return { events: items as AuditEvent[], lines, bytes };
}

export interface ValidatedEvents {
  /** the events as received (not zod's copies) */
  events: AuditEvent[];
  /** each event's JSON text as received, which is what is stored */
  lines: string[];
  bytes: number;
}
