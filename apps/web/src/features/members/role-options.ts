import { ROLES } from '@kubetrail/contracts';

const WHAT: Record<(typeof ROLES)[number], string> = {
  owner: 'owner — also members and billing',
  admin: 'admin — clusters, alerts, retention',
  analyst: 'analyst — queries and saved searches',
  viewer: 'viewer — reads reports',
};

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: WHAT[role] }));
