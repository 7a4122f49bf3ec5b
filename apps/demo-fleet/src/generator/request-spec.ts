import type { AuditEvent, AuditLevel, ObjectReference, UserInfo } from '@kubetrail/contracts';
import { formatMicroTime } from './micro-time';
import type { ResponseStatus } from './responses';

export interface Authorization {
  decision: 'allow' | 'forbid';
  reason: string;
}

/** One API request as the simulator decides it, before it becomes audit events. */
export interface RequestSpec {
  verb: string;
  requestURI: string;
  user: UserInfo;
  impersonatedUser?: UserInfo;
  sourceIPs: string[];
  userAgent: string;
  objectRef?: ObjectReference;
  level: AuditLevel;
  response: ResponseStatus;
  /** Absent only when authentication failed: the request never reached the authorizer. */
  authorization?: Authorization;
  extraAnnotations?: Record<string, string>;
  requestObject?: unknown;
  responseObject?: unknown;
  /** Time from receipt to the last byte of the response. */
  durationMs: number;
  /** watch and exec/attach/log/portforward/proxy: the apiserver also logs ResponseStarted. */
  longRunning?: boolean;
  /** Code sent with the response headers of a long-running request (101 for stream upgrades). */
  startedCode?: number;
  /** Time until the response headers of a long-running request are sent. */
  firstByteMs?: number;
  failedAuthentication?: boolean;
}

const LEVEL_RANK: Record<AuditLevel, number> = { None: 0, Metadata: 1, Request: 2, RequestResponse: 3 };

/**
 * Expands a request into the stage events kube-apiserver writes for it,
 * field for field in the order the apiserver serializes them.
 */
export function toAuditEvents(spec: RequestSpec, auditID: string, receivedMicros: number): AuditEvent[] {
  const received = formatMicroTime(receivedMicros);
  const base = (stage: AuditEvent['stage'], stageMicros: number): AuditEvent => ({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: spec.level,
    auditID,
    stage,
    requestURI: spec.requestURI,
    verb: spec.verb,
    user: spec.user,
    requestReceivedTimestamp: received,
    stageTimestamp: formatMicroTime(stageMicros),
  });

  if (spec.failedAuthentication) {
    // Rejected before the audit filter proper: a single ResponseStarted, no annotations.
    const end = receivedMicros + Math.max(50, Math.round(spec.durationMs * 1000));
    return detached([withBody(base('ResponseStarted', end), spec, { objectRef: spec.objectRef, response: spec.response })]);
  }

  // The object's name is only known once the body is decoded, so a create's
  // RequestReceived event has none yet.
  const earlyRef = spec.objectRef && spec.verb === 'create' && !spec.objectRef.subresource ? withoutName(spec.objectRef) : spec.objectRef;
  const events = [withBody(base('RequestReceived', receivedMicros), spec, { objectRef: earlyRef })];
  const completeMicros = receivedMicros + Math.max(200, Math.round(spec.durationMs * 1000));
  const annotations = annotationsOf(spec);

  if (spec.longRunning) {
    const startedMicros = Math.min(completeMicros - 1, receivedMicros + Math.round((spec.firstByteMs ?? 2) * 1000));
    const startedCode = spec.response.code >= 400 ? spec.response.code : (spec.startedCode ?? 200);
    events.push(
      withBody(base('ResponseStarted', startedMicros), spec, {
        objectRef: spec.objectRef,
        response: spec.response.code >= 400 ? spec.response : { metadata: {}, code: startedCode },
        annotations,
      }),
    );
  }
  const complete = withBody(base('ResponseComplete', completeMicros), spec, {
    objectRef: spec.objectRef,
    response: spec.response,
    annotations,
    bodies: true,
  });
  events.push(complete);
  return detached(events);
}

/**
 * Stages of a request (and requests of one actor) share user, objectRef and
 * body objects while being built; callers get independent plain JSON so that
 * trimming one event in place never changes another.
 */
function detached(events: AuditEvent[]): AuditEvent[] {
  return JSON.parse(JSON.stringify(events)) as AuditEvent[];
}

interface StageParts {
  objectRef?: ObjectReference;
  response?: ResponseStatus;
  annotations?: Record<string, string>;
  bodies?: boolean;
}

/** Rebuilds the event so keys follow the apiserver's field order. */
function withBody(event: AuditEvent, spec: RequestSpec, parts: StageParts): AuditEvent {
  const { requestReceivedTimestamp, stageTimestamp, ...head } = event;
  const ordered: Record<string, unknown> = { ...head };
  if (spec.impersonatedUser) ordered.impersonatedUser = spec.impersonatedUser;
  ordered.sourceIPs = spec.sourceIPs;
  ordered.userAgent = spec.userAgent;
  if (parts.objectRef) ordered.objectRef = parts.objectRef;
  if (parts.response) ordered.responseStatus = parts.response;
  if (parts.bodies && spec.requestObject !== undefined && LEVEL_RANK[spec.level] >= LEVEL_RANK.Request) {
    ordered.requestObject = spec.requestObject;
  }
  if (parts.bodies && spec.responseObject !== undefined && LEVEL_RANK[spec.level] >= LEVEL_RANK.RequestResponse) {
    ordered.responseObject = spec.responseObject;
  }
  ordered.requestReceivedTimestamp = requestReceivedTimestamp;
  ordered.stageTimestamp = stageTimestamp;
  if (parts.annotations) ordered.annotations = parts.annotations;
  return ordered as AuditEvent;
}

function annotationsOf(spec: RequestSpec): Record<string, string> | undefined {
  if (!spec.authorization) return spec.extraAnnotations;
  return {
    'authorization.k8s.io/decision': spec.authorization.decision,
    'authorization.k8s.io/reason': spec.authorization.reason,
    ...spec.extraAnnotations,
  };
}

function withoutName(ref: ObjectReference): ObjectReference {
  const { name: _name, ...rest } = ref;
  return rest;
}
