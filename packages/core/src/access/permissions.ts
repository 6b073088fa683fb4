import type { ApiKeyScope, Role } from '../platform/stores/account.schema.js';

/**
 * What a caller may do. Each operation in openapi.yaml names one with `x-permission`; the
 * tables below say which role and which API key scope holds it, and the README shows them.
 */
export const permissions = [
  'self',
  'messages:send',
  'messages:read',
  'messages:delete',
  'api_keys:read',
  'api_keys:manage',
  'members:read',
  'members:manage',
  'account:read',
  'account:manage',
  'account:review',
  'audit:read',
  'suppressions:read',
  'suppressions:manage',
  'numbers:read',
  'numbers:manage',
  'webhooks:read',
  'webhooks:manage',
  'templates:read',
  'templates:manage',
  'preferences:read',
  'preferences:manage',
  'privacy:read',
  'privacy:manage',
  'account:export',
  'account:close',
] as const;

export type Permission = (typeof permissions)[number];

const everyone: Permission[] = [
  'self',
  'messages:read',
  'api_keys:read',
  'members:read',
  'account:read',
  'suppressions:read',
  'numbers:read',
  'webhooks:read',
  'templates:read',
  'preferences:read',
];
const developer: Permission[] = [
  ...everyone,
  'messages:send',
  'messages:delete',
  'api_keys:manage',
  'suppressions:manage',
  'webhooks:manage',
  'templates:manage',
  'preferences:manage',
];
const admin: Permission[] = [
  ...developer,
  'members:manage',
  'account:manage',
  'audit:read',
  'numbers:manage',
  'privacy:read',
  'privacy:manage',
  'account:export',
];

export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set([...admin, 'account:review', 'account:close']),
  admin: new Set(admin),
  developer: new Set(developer),
  viewer: new Set(everyone),
};

/**
 * Whether a member with role `grantor` may give someone `role`: they manage members, and the role
 * holds nothing they do not. So an admin grants admin but never owner, and a grant made earlier
 * (an invitation) is checked again against the grantor's role when it is used.
 */
export function canGrantRole(grantor: Role, role: Role): boolean {
  const held = rolePermissions[grantor];
  return held.has('members:manage') && [...rolePermissions[role]].every((p) => held.has(p));
}

/**
 * API keys act for the organisation without a person behind them: no team, audit or profile.
 * `standard` is what a developer may do with a key (Twilio's Standard keys): everything `full`
 * holds but numbers and privacy management.
 */
const standardScope: Permission[] = [
  'messages:send',
  'messages:read',
  'messages:delete',
  'api_keys:read',
  'api_keys:manage',
  'account:read',
  'suppressions:read',
  'suppressions:manage',
  'numbers:read',
  'webhooks:read',
  'webhooks:manage',
  'templates:read',
  'templates:manage',
  'preferences:read',
  'preferences:manage',
];
export const scopePermissions: Record<ApiKeyScope, ReadonlySet<Permission>> = {
  full: new Set([...standardScope, 'numbers:manage', 'privacy:read', 'privacy:manage']),
  standard: new Set(standardScope),
  send_only: new Set(['messages:send']),
};

export const roles: readonly Role[] = ['owner', 'admin', 'developer', 'viewer'];
/** Widest first: a caller who omits the scope gets the first one it may create. */
export const scopes: readonly ApiKeyScope[] = ['full', 'standard', 'send_only'];

/**
 * The person whose current role bounds an API key (ADR 16): read with the key on every request,
 * so a demoted or removed owner takes the key down at once. `role` is null when they are no
 * longer a member. A key the operator issued has no owner and is bounded by its scope alone.
 */
export type KeyOwner = { userId: string; role: Role | null };

/** Who is calling: a person in a console session, or an API key. */
export type Principal =
  | { kind: 'user'; accountId: string; userId: string; role: Role; sessionIdHash: string }
  | {
      kind: 'api_key';
      accountId: string;
      apiKeyId: string;
      scope: ApiKeyScope;
      mode: 'live' | 'test';
      owner: KeyOwner | null;
    };

/** A key can do what its scope allows and its owner's role allows, both, never more. */
export function can(principal: Principal, permission: Permission): boolean {
  if (principal.kind === 'user') return rolePermissions[principal.role].has(permission);
  if (!scopePermissions[principal.scope].has(permission)) return false;
  const owner = principal.owner;
  return owner === null || (owner.role !== null && rolePermissions[owner.role].has(permission));
}

/** The scopes a caller may give a new key: those whose every permission the caller holds. */
export function creatableScopes(principal: Principal): ApiKeyScope[] {
  return scopes.filter((scope) => [...scopePermissions[scope]].every((p) => can(principal, p)));
}

/** The widest scope whose permissions all lie within `held` (send_only ⊂ standard ⊂ full). */
export function widestScopeWithin(held: (p: Permission) => boolean): ApiKeyScope | null {
  return scopes.find((scope) => [...scopePermissions[scope]].every(held)) ?? null;
}

/** The caller as a refusal names it: "Your {this} does not allow this." */
export function describeCaller(principal: Principal): string {
  if (principal.kind === 'user') return `role \`${principal.role}\``;
  const scope = `API key's scope \`${principal.scope}\``;
  if (principal.owner === null) return scope;
  if (principal.owner.role === null)
    return `${scope}, whose owner is no longer a member of the organisation,`;
  return `${scope}, within its owner's role \`${principal.owner.role}\`,`;
}
