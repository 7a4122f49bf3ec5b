import { isIP } from 'node:net';
import type { AuditEvent } from '@kubetrail/contracts';
import { classifyUser, type UserKind } from './user-kind';

/** The fields people filter on, lifted out of an event into columns. */
export interface EventColumns {
  ts: string;
  requestReceivedAt: string;
  auditId: string;
  stage: string;
  level: string;
  verb: string;
  requestUri: string;
  username: string | null;
  userGroups: string[] | null;
  userKind: UserKind;
  impersonatedUser: string | null;
  namespace: string | null;
  resource: string | null;
  subresource: string | null;
  objectName: string | null;
  apiGroup: string | null;
  apiVersion: string | null;
  statusCode: number | null;
  sourceIp: string | null;
  userAgent: string | null;
  decision: string | null;
}

export const DECISION_ANNOTATION = 'authorization.k8s.io/decision';

const orNull = <T>(v: T | undefined): T | null => (v === undefined || v === '' ? null : v);

export function extractEventColumns(event: AuditEvent): EventColumns {
  const ref = event.objectRef;
  const firstIp = event.sourceIPs?.[0];
  return {
    ts: event.stageTimestamp,
    requestReceivedAt: event.requestReceivedTimestamp,
    auditId: event.auditID,
    stage: event.stage,
    level: event.level,
    verb: event.verb,
    requestUri: event.requestURI,
    username: orNull(event.user.username),
    userGroups: event.user.groups ?? null,
    userKind: classifyUser(event.user),
    impersonatedUser: orNull(event.impersonatedUser?.username),
    namespace: orNull(ref?.namespace),
    resource: orNull(ref?.resource),
    subresource: orNull(ref?.subresource),
    objectName: orNull(ref?.name),
    apiGroup: orNull(ref?.apiGroup),
    apiVersion: orNull(ref?.apiVersion),
    statusCode: event.responseStatus?.code ?? null,
    // The raw list stays in the event; the column keeps only a first hop that
    // PostgreSQL's inet accepts (it has no IPv6 zone ids, which Node allows).
    sourceIp: firstIp && isIP(firstIp) && !firstIp.includes('%') ? firstIp : null,
    userAgent: orNull(event.userAgent),
    decision: orNull(event.annotations?.[DECISION_ANNOTATION]),
  };
}
