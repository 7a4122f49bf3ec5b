/** Project roles, strongest first: each can do everything the ones after it can. */
export const ROLES = ['owner', 'admin', 'analyst', 'viewer'] as const;
export type RoleName = (typeof ROLES)[number];

export const roleAtLeast = (role: RoleName, min: RoleName): boolean => ROLES.indexOf(role) <= ROLES.indexOf(min);
