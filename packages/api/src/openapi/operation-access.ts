import type { Permission } from '@herald/core';
import type { OpenApiDocument } from '@herald/openapi';

export type Credential = 'apiKey' | 'session' | 'operatorToken' | 'providerToken' | 'twilioBasic';

/** Who may call an operation, as the spec says: its `security` and its `x-permission`. */
export type OperationAccess = { credentials: Credential[]; permission: Permission | null };

export function readOperationAccess(spec: OpenApiDocument): Map<string, OperationAccess> {
  const defaults = ((spec as { security?: Array<Record<string, unknown>> }).security ?? []).flatMap(
    (r) => Object.keys(r),
  );
  const access = new Map<string, OperationAccess>();
  for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
      const op = operation as {
        operationId: string;
        security?: Array<Record<string, unknown>>;
        'x-permission'?: Permission;
      };
      const credentials = (
        op.security ? op.security.flatMap((r) => Object.keys(r)) : defaults
      ) as Credential[];
      access.set(op.operationId, { credentials, permission: op['x-permission'] ?? null });
    }
  }
  return access;
}
