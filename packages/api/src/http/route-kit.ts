import type { RequestHandler } from 'express';
import type { OperationAccess } from '../openapi/operation-access.js';
import type { RequestValidator } from '../openapi/request-validator.js';
import { type AuthorizeDeps, authorize } from './authorize.js';
import { operation } from './request-context.js';

/**
 * The middleware every route starts with: name the operation, authorize the caller, count its
 * reads, parse the body (when the route reads one of its own, like the Twilio form), validate.
 */
export type RouteKit = {
  route(operationId: string, options?: { body?: RequestHandler }): RequestHandler[];
  validator: RequestValidator;
};

export function createRouteKit(
  validator: RequestValidator,
  access: Map<string, OperationAccess>,
  authorizeDeps: AuthorizeDeps,
  limitReads: RequestHandler,
): RouteKit {
  return {
    validator,
    route: (operationId, options = {}) => {
      const rules = access.get(operationId);
      if (!rules) throw new Error(`no operation ${operationId} in openapi.yaml`);
      return [
        operation(operationId),
        authorize(rules, authorizeDeps),
        limitReads,
        ...(options.body ? [options.body] : []),
        validator.validate(operationId),
      ];
    },
  };
}
