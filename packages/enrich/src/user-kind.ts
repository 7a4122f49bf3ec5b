import type { UserInfo } from '@kubetrail/contracts';

export const USER_KINDS = ['human', 'service-account', 'node', 'control-plane', 'anonymous'] as const;
export type UserKind = (typeof USER_KINDS)[number];

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
const NODE_PREFIX = 'system:node:';

/**
 * Who made the request, in the terms a security team sorts by. Failed
 * authentications record an empty user, so no username counts as anonymous.
 * Other `system:` users are the apiserver's own components and the
 * controllers it ships with (kube-controller-manager, kube-scheduler,
 * kube-proxy, apiserver loopback).
 */
export function classifyUser(user: UserInfo | undefined): UserKind {
  const username = user?.username;
  const groups = user?.groups ?? [];
  if (!username || username === 'system:anonymous' || groups.includes('system:unauthenticated')) return 'anonymous';
  if (username.startsWith(SERVICE_ACCOUNT_PREFIX)) return 'service-account';
  if (username.startsWith(NODE_PREFIX) || groups.includes('system:nodes')) return 'node';
  if (username.startsWith('system:')) return 'control-plane';
  return 'human';
}
