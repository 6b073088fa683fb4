import type { RequestHandler } from 'express';
import { type AuthorizeDeps, authorize } from '../http/authorize.js';
import { operation } from '../http/request-context.js';
import type { OperationAccess } from '../openapi/operation-access.js';
import type { RequestValidator } from '../openapi/request-validator.js';

/** The middleware every route starts with: name the operation, authorize the caller, validate. */
export type RouteKit = {
  route(operationId: string): RequestHandler[];
  validator: RequestValidator;
};

export function createRouteKit(
  validator: RequestValidator,
  access: Map<string, OperationAccess>,
  authorizeDeps: AuthorizeDeps,
): RouteKit {
  return {
    validator,
    route: (operationId) => {
      const rules = access.get(operationId);
      if (!rules) throw new Error(`no operation ${operationId} in openapi.yaml`);
      return [
        operation(operationId),
        authorize(rules, authorizeDeps),
        validator.validate(operationId),
      ];
    },
  };
}
