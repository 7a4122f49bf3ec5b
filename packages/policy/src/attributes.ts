import type { AuditEvent } from '@kubetrail/contracts';
import type { RequestAttributes } from './types';

/**
 * The request attributes kube-apiserver evaluated the policy with, recovered
 * from the event: the authenticated user (not the impersonated one), the
 * verb, the object reference, and the URL path.
 */
export function attributesFromEvent(event: AuditEvent): RequestAttributes {
  const ref = event.objectRef;
  const resource = ref?.resource ?? '';
  return {
    user: event.user.username ?? '',
    groups: event.user.groups ?? [],
    verb: event.verb,
    namespace: ref?.namespace ?? '',
    resource,
    subresource: ref?.subresource ?? '',
    apiGroup: ref?.apiGroup ?? '',
    name: ref?.name ?? '',
    isResourceRequest: resource !== '',
    path: pathOf(event.requestURI),
  };
}

/** The decoded path of a request URI, as Go's `URL.Path` holds it. */
function pathOf(requestURI: string): string {
  const query = requestURI.indexOf('?');
  const raw = query < 0 ? requestURI : requestURI.slice(0, query);
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
