import type { Params } from './params';
import { typed, type Typed } from './typed';

/**
 * The relation name event columns are read through, in every query we build.
 * Qualifying them keeps a user's output name (`AS resource`) from capturing
 * a column reference in ORDER BY, where PostgreSQL prefers output names.
 */
export const EVENT_REL = 'log';

// Event fields lifted into columns at ingest (packages/enrich): reading them
// uses the column, and its index, instead of the jsonb. Lifted text columns
// hold NULL for "", which the dialect treats alike: both are "no value".
const COLUMNS: Record<string, Typed> = {
  auditID: col('audit_id', 'text'),
  stage: col('stage', 'text'),
  level: col('level', 'text'),
  verb: col('verb', 'text'),
  requestURI: col('request_uri', 'text'),
  'user.username': col('username', 'text'),
  'impersonatedUser.username': col('impersonated_user', 'text'),
  'objectRef.namespace': col('namespace', 'text'),
  'objectRef.resource': col('resource', 'text'),
  'objectRef.subresource': col('subresource', 'text'),
  'objectRef.name': col('object_name', 'text'),
  'objectRef.apiGroup': col('api_group', 'text'),
  'objectRef.apiVersion': col('api_version', 'text'),
  'responseStatus.code': col('status_code', 'number'),
  userAgent: col('user_agent', 'text'),
  'annotations.authorization.k8s.io/decision': col('decision', 'text'),
  stageTimestamp: col('ts', 'timestamp'),
  requestReceivedTimestamp: col('request_received_at', 'timestamp'),
  // SLS's log time in whole seconds; for audit events, the stage's time.
  __time__: typed(`floor(extract(epoch FROM ${EVENT_REL}.ts))::bigint`, 'number'),
};

function col(name: string, type: Typed['type']): Typed {
  return typed(`${EVENT_REL}.${name}`, type);
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_\-./]*$/;

export function isFieldName(name: string): boolean {
  return FIELD_NAME.test(name) && !name.endsWith('.') && !name.includes('..');
}

/**
 * Maps whose keys contain dots (`authorization.k8s.io/decision`,
 * `app.kubernetes.io/name`): after one of these segments the rest of the
 * name is a single key.
 */
function isMapSegment(segment: string, previous: string | undefined): boolean {
  if (segment === 'annotations' || segment === 'labels') return true;
  return segment === 'extra' && (previous === 'user' || previous === 'impersonatedUser');
}

/** `objectRef.subresource` → ['objectRef', 'subresource']; `annotations.a.b/c` → ['annotations', 'a.b/c']. */
export function fieldPath(name: string): string[] {
  const parts = name.split('.');
  const path: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    path.push(parts[i]!);
    if (i < parts.length - 1 && isMapSegment(parts[i]!, parts[i - 1])) {
      path.push(parts.slice(i + 1).join('.'));
      break;
    }
  }
  return path;
}

/** The field's jsonb value in the event; the path travels as a parameter. */
export function jsonField(name: string, params: Params): Typed {
  return typed(`(${EVENT_REL}.event #> ${params.add(fieldPath(name), 'text[]')})`, 'json');
}

/** An event field in the SQL part: its column when it has one, otherwise its value in the jsonb. */
export function fieldExpr(name: string, params: Params): Typed {
  return COLUMNS[name] ?? jsonField(name, params);
}

/**
 * An event field as the text the search part matches tokens in. Times are
 * read as the event wrote them, not as PostgreSQL prints a timestamptz;
 * objects and arrays as JSON text, which tokenizes the same however spaced.
 */
export function searchText(name: string, params: Params): Typed {
  if (name === 'user.groups') return typed(`${EVENT_REL}.user_groups`, 'textarray');
  const column = COLUMNS[name];
  if (column && column.type !== 'timestamp') return column;
  return typed(`(${EVENT_REL}.event #>> ${params.add(fieldPath(name), 'text[]')})`, 'text');
}

/** An event field as a number for comparisons; NULL where it is not one. */
export function searchNumber(name: string, params: Params): string {
  const column = COLUMNS[name];
  if (column?.type === 'number') return column.sql;
  if (column?.type === 'timestamp') return `extract(epoch FROM ${column.sql})`;
  return `kt_try_numeric(${EVENT_REL}.event #>> ${params.add(fieldPath(name), 'text[]')})`;
}
