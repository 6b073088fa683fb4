import type { ApiKeyScope, Role } from '../stores/account.schema.js';

/**
 * What a caller may do. Each operation in openapi.yaml names one with `x-permission`; the
 * tables below say which role and which API key scope holds it, and the README shows them.
 */
export const permissions = [
  'self',
  'messages:send',
  'messages:read',
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
];
const developer: Permission[] = [
  ...everyone,
  'messages:send',
  'api_keys:manage',
  'suppressions:manage',
  'webhooks:manage',
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

/** API keys act for the organisation without a person behind them: no team, audit or profile. */
export const scopePermissions: Record<ApiKeyScope, ReadonlySet<Permission>> = {
  full: new Set([
    'messages:send',
    'messages:read',
    'api_keys:read',
    'api_keys:manage',
    'account:read',
    'suppressions:read',
    'suppressions:manage',
    'numbers:read',
    'numbers:manage',
    'webhooks:read',
    'webhooks:manage',
    'privacy:read',
    'privacy:manage',
  ]),
  send_only: new Set(['messages:send']),
};

export const roles: readonly Role[] = ['owner', 'admin', 'developer', 'viewer'];
export const scopes: readonly ApiKeyScope[] = ['full', 'send_only'];

/** Who is calling: a person in a console session, or an API key. */
export type Principal =
  | { kind: 'user'; accountId: string; userId: string; role: Role; sessionIdHash: string }
  | {
      kind: 'api_key';
      accountId: string;
      apiKeyId: string;
      scope: ApiKeyScope;
      mode: 'live' | 'test';
    };

export function can(principal: Principal, permission: Permission): boolean {
  return principal.kind === 'user'
    ? rolePermissions[principal.role].has(permission)
    : scopePermissions[principal.scope].has(permission);
}
