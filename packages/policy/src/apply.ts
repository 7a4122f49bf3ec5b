import type { AuditEvent } from '@kubetrail/contracts';
import { attributesFromEvent } from './attributes';
import { firstMatch } from './evaluate';
import { effectiveLevel, LEVEL_RANK as RANK } from './levels';
import type { CompiledPolicy } from './types';

/**
 * The event as it would have been logged under the policy: `null` when the
 * policy drops it (level None, or its stage omitted), otherwise trimmed to the
 * lower of its recorded level and the policy's level. The input is not
 * changed; when the policy leaves it whole, the input itself is returned, so
 * callers can keep the event's original text.
 */
export function applyPolicy(policy: CompiledPolicy, event: AuditEvent): AuditEvent | null {
  const index = firstMatch(policy, attributesFromEvent(event));
  const rule = index < 0 ? undefined : policy.rules[index];
  if (!rule) return null;
  if (rule.omitStages.includes(event.stage)) return null;

  const level = effectiveLevel(event.level, rule.level);
  if (level === 'None') return null;
  const omitManagedFields = rule.omitManagedFields ?? policy.omitManagedFields;

  let request = event.requestObject;
  if (RANK[level] < RANK.Request) request = undefined;
  // A patch request body is the patch document, which kube-apiserver logs untouched.
  else if (omitManagedFields && event.verb !== 'patch') request = withoutManagedFields(request);
  let response = event.responseObject;
  if (RANK[level] < RANK.RequestResponse) response = undefined;
  else if (omitManagedFields) response = withoutManagedFields(response);

  if (level === event.level && request === event.requestObject && response === event.responseObject) return event;
  const out: AuditEvent = { ...event, level };
  if (request === undefined) delete out.requestObject;
  else out.requestObject = request;
  if (response === undefined) delete out.responseObject;
  else out.responseObject = response;
  return out;
}

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Drops `metadata.managedFields` from an object, from each item of a list and
 * from each row object of a Table, copying only what changes.
 */
export function withoutManagedFields(value: unknown): unknown {
  if (!isObject(value)) return value;
  let out = stripOne(value);
  if (Array.isArray(value.items)) {
    const items = mapChanged(value.items, stripOne);
    if (items !== value.items) out = { ...out, items };
  }
  if (value.kind === 'Table' && Array.isArray(value.rows)) {
    const rows = mapChanged(value.rows, (row) => {
      if (!isObject(row)) return row;
      const object = stripOne(row.object);
      return object === row.object ? row : { ...row, object };
    });
    if (rows !== value.rows) out = { ...out, rows };
  }
  return out;
}

function stripOne<T>(value: T): T {
  if (!isObject(value) || !isObject(value.metadata) || !('managedFields' in value.metadata)) return value;
  const metadata = { ...value.metadata };
  delete metadata.managedFields;
  return { ...value, metadata };
}

function mapChanged<T>(items: T[], fn: (item: T) => T): T[] {
  let out: T[] | undefined;
  items.forEach((item, i) => {
    const next = fn(item);
    if (next === item) return;
    out ??= items.slice();
    out[i] = next;
  });
  return out ?? items;
}
