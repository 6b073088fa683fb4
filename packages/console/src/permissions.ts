import type { Schemas } from './api.js';

type Role = Schemas['Role'];

/**
 * Which role holds which permission, as in the README's table (packages/core's
 * `rolePermissions`). The console only uses it to hide what a role cannot do; the API decides.
 */
const everyone = [
  'self',
  'messages:read',
  'api_keys:read',
  'members:read',
  'account:read',
  'suppressions:read',
  'numbers:read',
  'webhooks:read',
];
const developer = [
  ...everyone,
  'messages:send',
  'api_keys:manage',
  'suppressions:manage',
  'webhooks:manage',
];
const admin = [
  ...developer,
  'members:manage',
  'account:manage',
  'audit:read',
  'numbers:manage',
  'privacy:read',
  'privacy:manage',
  'account:export',
];
const byRole: Record<Role, ReadonlySet<string>> = {
  owner: new Set([...admin, 'account:review', 'account:close']),
  admin: new Set(admin),
  developer: new Set(developer),
  viewer: new Set(everyone),
};

export function roleCan(role: Role, permission: string): boolean {
  return byRole[role].has(permission);
}

/** The roles a member may give others: none above their own (core's `canGrantRole`). */
export function grantableRoles(role: Role): Role[] {
  if (!roleCan(role, 'members:manage')) return [];
  const held = byRole[role];
  return (Object.keys(byRole) as Role[]).filter((r) => [...byRole[r]].every((p) => held.has(p)));
}
