import { type Permission, rolePermissions, roles, scopePermissions, scopes } from '@herald/core';
import type { OpenApiDocument } from '@herald/openapi';
import { readOperationAccess } from './operation-access.js';

/**
 * docs/permissions.md: every operation × every role and API key scope, rendered from the spec's
 * `security` and `x-permission` and the role tables in core, so it cannot drift from the code.
 */
export function renderPermissionTable(spec: OpenApiDocument): string {
  const access = readOperationAccess(spec);
  const rows: string[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const rules = access.get(operation.operationId)!;
      const cells = [
        ...roles.map((role) =>
          cell(rules.credentials.includes('session'), rules.permission, (p) =>
            rolePermissions[role].has(p),
          ),
        ),
        ...scopes.map((scope) =>
          cell(
            // Twilio's Basic auth is an API key too: its id and secret as SID and token.
            rules.credentials.includes('apiKey') || rules.credentials.includes('twilioBasic'),
            rules.permission,
            (p) => scopePermissions[scope].has(p),
          ),
        ),
      ];
      const who =
        rules.credentials.length === 0
          ? 'public'
          : rules.credentials.includes('providerToken')
            ? 'provider token'
            : rules.credentials.includes('operatorToken')
              ? 'operator token'
              : (rules.permission ?? '');
      rows.push(`| \`${method.toUpperCase()} ${path}\` | ${who} | ${cells.join(' | ')} |`);
    }
  }
  return [
    '# Permissions',
    '',
    'Generated from `openapi/openapi.yaml` (`security`, `x-permission`) and',
    '`packages/core/src/access/permissions.ts` by `npm run generate`; do not edit by hand.',
    'A test walks this whole table against the running API.',
    '',
    '✓ allowed · — refused with `403 forbidden` · ∅ this credential cannot call the route (public',
    'routes need none; operator routes need the operator token).',
    '',
    "A key column is what the scope allows. A key also never does more than its owner's role,",
    'read on every request: a `full` key owned by a `developer` is refused what the developer is',
    'refused. Only keys the operator issued (the CLI) have no owner. A caller creates keys of the',
    'scopes it holds (`creatable_scopes` of `GET /v1/api-keys`); see ADR 16.',
    '',
    `| route | permission | ${roles.join(' | ')} | key: ${scopes.join(' | key: ')} |`,
    `|---|---|${[...roles, ...scopes].map(() => '---').join('|')}|`,
    ...rows,
    '',
  ].join('\n');
}

function cell(
  accepted: boolean,
  permission: Permission | null,
  holds: (p: Permission) => boolean,
): string {
  if (!accepted) return '∅';
  return permission === null || holds(permission) ? '✓' : '—';
}
