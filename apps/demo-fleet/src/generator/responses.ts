import { qualifiedResource, resourceInfo, type ResourceTarget } from './api-resources';

/** responseStatus as kube-apiserver records it (metav1.Status, with `metadata: {}`). */
export interface ResponseStatus {
  metadata: Record<string, never>;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string };
  code: number;
}

export function ok(code = 200): ResponseStatus {
  return { metadata: {}, code };
}

function failure(code: number, reason: string, message: string, target?: ResourceTarget): ResponseStatus {
  const status: ResponseStatus = { metadata: {}, status: 'Failure', message, reason, code };
  if (target) {
    const group = resourceInfo(target.resource).group;
    status.details = {
      ...(target.name ? { name: target.name } : {}),
      ...(group ? { group } : {}),
      kind: target.subresource ? `${target.resource}/${target.subresource}` : target.resource,
    };
  }
  return status;
}

function subject(target: ResourceTarget): string {
  const resource = qualifiedResource(target.resource);
  return target.name ? `${resource} "${target.name}"` : resource;
}

/** The RBAC denial text, word for word the shape the apiserver uses. */
export function forbidden(username: string, verb: string, target: ResourceTarget): ResponseStatus {
  const info = resourceInfo(target.resource);
  const resource = target.subresource ? `${target.resource}/${target.subresource}` : target.resource;
  const scope = info.namespaced && target.namespace ? `in the namespace "${target.namespace}"` : 'at the cluster scope';
  const message = `${subject(target)} is forbidden: User "${username}" cannot ${verb} resource "${resource}" in API group "${info.group}" ${scope}`;
  return failure(403, 'Forbidden', message, target);
}

export function forbiddenPath(username: string, path: string): ResponseStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `forbidden: User "${username}" cannot get path "${path}"`,
    reason: 'Forbidden',
    details: {},
    code: 403,
  };
}

/** Admission (Pod Security) rejections are 403 too, although authorization allowed the request. */
export function podSecurityViolation(target: ResourceTarget, level: string, violations: string): ResponseStatus {
  return failure(403, 'Forbidden', `${subject(target)} is forbidden: violates PodSecurity "${level}:latest": ${violations}`, target);
}

export function notFound(target: ResourceTarget): ResponseStatus {
  return failure(404, 'NotFound', `${subject(target)} not found`, target);
}

export function alreadyExists(target: ResourceTarget): ResponseStatus {
  return failure(409, 'AlreadyExists', `${subject(target)} already exists`, target);
}

export function conflict(target: ResourceTarget): ResponseStatus {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${subject(target)}: the object has been modified; please apply your changes to the latest version and try again`,
    target,
  );
}

export function invalid(target: ResourceTarget, field: string, detail: string): ResponseStatus {
  const info = resourceInfo(target.resource);
  return failure(422, 'Invalid', `${info.kind} "${target.name ?? ''}" is invalid: ${field}: ${detail}`, target);
}

/** What WithFailedAuthenticationAudit records: only the attempted methods, no reason. */
export function unauthorized(methods: readonly string[]): ResponseStatus {
  const message =
    methods.length > 0 ? `Authentication failed, attempted: ${methods.join(', ')}` : 'Authentication failed, no credentials provided';
  return { metadata: {}, message, code: 401 };
}
