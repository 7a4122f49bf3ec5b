import type { AuditLevel, UserInfo } from '@kubetrail/contracts';
import { objectRefFor, resourcePath, type ResourceTarget } from './api-resources';
import type { Rng } from './prng';
import type { Authorization, RequestSpec } from './request-spec';
import { ok, type ResponseStatus } from './responses';

/** Who is calling and from where. */
export interface Actor {
  user: UserInfo;
  sourceIp: string;
  userAgent: string;
}

export interface ApiRequestOptions {
  /** Query string without the leading "?". */
  query?: string;
  response?: ResponseStatus;
  authorization: Authorization;
  level?: AuditLevel;
  requestObject?: unknown;
  responseObject?: unknown;
  durationMs?: number;
  startedCode?: number;
  impersonatedUser?: UserInfo;
  extraAnnotations?: Record<string, string>;
}

const READ_VERBS = new Set(['get', 'list', 'watch']);
const STREAMING_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'log', 'proxy']);
const METADATA_ONLY_RESOURCES = new Set(['secrets', 'configmaps', 'tokenreviews', 'leases', 'events', 'subjectaccessreviews']);

/**
 * The audit policy the simulated apiservers run: bodies of sensitive objects
 * never logged, reads and node chatter at Metadata, pod creations with their
 * spec, other writes with request and response.
 */
function policyLevel(verb: string, target: ResourceTarget, user: UserInfo): AuditLevel {
  if (METADATA_ONLY_RESOURCES.has(target.resource)) return 'Metadata';
  if (READ_VERBS.has(verb)) return 'Metadata';
  if (user.groups?.includes('system:nodes')) return 'Metadata';
  if (target.subresource) return target.subresource === 'scale' ? 'RequestResponse' : 'Metadata';
  if (target.resource === 'pods' && verb === 'create') return 'Request';
  return 'RequestResponse';
}

function isLongRunning(verb: string, target: ResourceTarget | undefined): boolean {
  return verb === 'watch' || (target?.subresource !== undefined && STREAMING_SUBRESOURCES.has(target.subresource));
}

function typicalDurationMs(rng: Rng, verb: string, target: ResourceTarget): number {
  if (verb === 'get') return rng.latency(2.5, 400);
  if (verb === 'list') return rng.latency(target.namespace ? 8 : 35, 3000);
  if (verb === 'delete' || verb === 'deletecollection') return rng.latency(9, 2000);
  return rng.latency(6, 1500);
}

/** A resource request with the URI, objectRef and level the apiserver would derive. */
export function apiRequest(rng: Rng, actor: Actor, verb: string, target: ResourceTarget, options: ApiRequestOptions): RequestSpec {
  // POST goes to the collection; the name is only in the body.
  const collectionPost = verb === 'create' && !target.subresource;
  const path = resourcePath(collectionPost ? { ...target, name: undefined } : target);
  const uri = options.query ? `${path}?${options.query}` : path;
  const longRunning = isLongRunning(verb, target);
  const spec: RequestSpec = {
    verb,
    requestURI: uri,
    user: actor.user,
    sourceIPs: [actor.sourceIp],
    userAgent: actor.userAgent,
    objectRef: objectRefFor(target),
    level: options.level ?? policyLevel(verb, target, actor.user),
    response: options.response ?? ok(options.startedCode ?? (collectionPost ? 201 : 200)),
    authorization: options.authorization,
    durationMs: options.durationMs ?? typicalDurationMs(rng, verb, target),
  };
  if (options.impersonatedUser) spec.impersonatedUser = options.impersonatedUser;
  if (options.requestObject !== undefined) spec.requestObject = options.requestObject;
  if (options.responseObject !== undefined) spec.responseObject = options.responseObject;
  if (options.extraAnnotations) spec.extraAnnotations = options.extraAnnotations;
  if (longRunning) {
    spec.longRunning = true;
    spec.firstByteMs = rng.latency(3, 200);
    if (options.startedCode !== undefined) spec.startedCode = options.startedCode;
  }
  return spec;
}

/** A request for a path that is not an API resource (/healthz, /metrics, discovery). */
export function pathRequest(rng: Rng, actor: Actor, path: string, authorization: Authorization, response = ok()): RequestSpec {
  return {
    verb: 'get',
    requestURI: path,
    user: actor.user,
    sourceIPs: [actor.sourceIp],
    userAgent: actor.userAgent,
    level: 'Metadata',
    response,
    authorization,
    durationMs: rng.latency(path.startsWith('/openapi') ? 40 : 1.2, 800),
  };
}

/** The query string an informer sends for a watch, keys sorted as Go encodes them. */
export function watchQuery(rng: Rng, resourceVersion: string, fieldSelector?: string): { query: string; durationMs: number } {
  const seconds = rng.int(300, 599);
  const timeout = `${Math.floor(seconds / 60)}m${seconds % 60}s`;
  const selector = fieldSelector ? `&fieldSelector=${encodeURIComponent(fieldSelector)}` : '';
  return {
    query: `allowWatchBookmarks=true${selector}&resourceVersion=${resourceVersion}&timeout=${timeout}&timeoutSeconds=${seconds}&watch=true`,
    durationMs: seconds * 1000 + rng.latency(5, 800),
  };
}
