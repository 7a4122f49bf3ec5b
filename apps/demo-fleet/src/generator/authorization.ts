import type { Authorization } from './request-spec';

export const allow = (reason = ''): Authorization => ({ decision: 'allow', reason });

/** RBAC never explains a denial; the apiserver records an empty reason. */
export const forbid = (): Authorization => ({ decision: 'forbid', reason: '' });

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export function byClusterRoleBinding(binding: string, clusterRole: string, kind: SubjectKind, subject: string): Authorization {
  return allow(`RBAC: allowed by ClusterRoleBinding "${binding}" of ClusterRole "${clusterRole}" to ${kind} "${subject}"`);
}

export function byRoleBinding(
  binding: string,
  namespace: string,
  role: { kind: 'Role' | 'ClusterRole'; name: string },
  kind: SubjectKind,
  subject: string,
): Authorization {
  return allow(`RBAC: allowed by RoleBinding "${binding}/${namespace}" of ${role.kind} "${role.name}" to ${kind} "${subject}"`);
}

/** RBAC names a service account subject as "name/namespace". */
export const serviceAccountSubject = (namespace: string, name: string): string => `${name}/${namespace}`;

export const DISCOVERY = byClusterRoleBinding('system:discovery', 'system:discovery', 'Group', 'system:authenticated');
export const PUBLIC_INFO = byClusterRoleBinding(
  'system:public-info-viewer',
  'system:public-info-viewer',
  'Group',
  'system:unauthenticated',
);
