import type { OpenApiDocument } from '@herald/openapi';
import type { ValidateFunction } from 'ajv';
import type { RequestHandler } from 'express';
import { createSpecAjv, SPEC_ID } from './ajv.js';

export type ContractViolation = { operationId: string; status: number; problem: string };

/**
 * Holds every JSON response against the schema the spec gives for its operation and status.
 * Used by the tests (the contract check); a violation is reported and turned into a 500 so the
 * test that caused it cannot pass unnoticed.
 */
export class ResponseValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(spec: OpenApiDocument) {
    const ajv = createSpecAjv(spec);
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const pointer = `#/paths/${path.replaceAll('/', '~1')}/${method}/responses/${status}`;
          const content = resolveResponse(spec, response as Record<string, unknown>);
          for (const mediaType of Object.keys(content)) {
            const escaped = mediaType.replaceAll('/', '~1');
            const schemaRef = (response as { $ref?: string }).$ref
              ? `${(response as { $ref: string }).$ref}/content/${escaped}/schema`
              : `${pointer}/content/${escaped}/schema`;
            this.validators.set(
              `${operation.operationId} ${status}`,
              ajv.compile({ $ref: `${SPEC_ID}${schemaRef}` }),
            );
          }
        }
      }
    }
  }

  check(operationId: string, status: number, body: unknown): string | null {
    const validate = this.validators.get(`${operationId} ${status}`);
    if (!validate) return `the spec declares no ${status} response for ${operationId}`;
    if (validate(body)) return null;
    const error = validate.errors![0]!;
    return `${error.instancePath || '(root)'} ${error.message} (${error.schemaPath})`;
  }

  /** Middleware that checks `res.json` bodies of routes tagged with `res.locals.operationId`. */
  middleware(onViolation: (violation: ContractViolation) => void): RequestHandler {
    return (_req, res, next) => {
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        const operationId = res.locals.operationId as string | undefined;
        if (operationId) {
          const problem = this.check(operationId, res.statusCode, body);
          if (problem) {
            onViolation({ operationId, status: res.statusCode, problem });
            res.status(500);
            return json({ contract_violation: problem });
          }
        }
        return json(body);
      };
      next();
    };
  }
}

function resolveResponse(
  spec: OpenApiDocument,
  response: Record<string, unknown>,
): Record<string, unknown> {
  const ref = response.$ref as string | undefined;
  const resolved = ref
    ? ((spec.components.responses as Record<string, Record<string, unknown>>)[
        ref.replace('#/components/responses/', '')
      ] ?? {})
    : response;
  return (resolved.content as Record<string, unknown> | undefined) ?? {};
}
