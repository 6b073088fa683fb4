import { HeraldError } from '@herald/core';
import type { OpenApiDocument, OpenApiOperation, OpenApiParameter } from '@herald/openapi';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { RequestHandler } from 'express';
import { createSpecAjv, SPEC_ID } from './ajv.js';
import { type Location, toHeraldError } from './ajv-errors.js';

type ParameterCheck = {
  name: string;
  in: Location;
  required: boolean;
  validate: ValidateFunction;
  defaultValue: unknown;
};

type CompiledOperation = {
  body?: ValidateFunction;
  /** False only for an explicit `requestBody.required: false`: then a request may omit the body. */
  bodyRequired: boolean;
  parameters: ParameterCheck[];
  /** Query names the route accepts; anything else is refused, as Stripe does. */
  queryNames: Set<string>;
};

/** Validated query and header values, with the spec's defaults applied. */
export type ValidatedParameters = {
  query: Record<string, unknown>;
  headers: Record<string, string>;
};

/**
 * Validates each request against its operation in openapi.yaml: path, query and header
 * parameters and the JSON body. The spec is the contract, so there is no second, hand-written
 * copy of these rules in the routes.
 */
export class RequestValidator {
  private readonly operations = new Map<string, CompiledOperation>();

  constructor(private readonly spec: OpenApiDocument) {
    const bodyAjv = createSpecAjv(spec);
    // Query strings and path segments arrive as text: let `limit=5` be the integer 5.
    const parameterAjv = createSpecAjv(spec, { coerceTypes: true });
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation?.operationId) continue;
        const pointer = `#/paths/${escapePointer(path)}/${method}`;
        this.operations.set(
          operation.operationId,
          this.compile(operation, pointer, bodyAjv, parameterAjv),
        );
      }
    }
  }

  /** Checks a value against an operation's request body schema (one item of a batch, say). */
  checkBody(operationId: string, value: unknown): HeraldError | undefined {
    const body = this.operations.get(operationId)?.body;
    if (!body) throw new Error(`no request body for ${operationId} in openapi.yaml`);
    return body(value) ? undefined : toHeraldError(body.errors![0]!, 'body');
  }

  /** Express middleware for one operation; it must run after the route matched (for params). */
  validate(operationId: string): RequestHandler {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`no operation ${operationId} in openapi.yaml`);
    return (req, res, next) => {
      res.locals.parameters = this.checkParameters(operation, req.params, req.query, req.headers);
      const absent = req.body === undefined && !operation.bodyRequired;
      if (operation.body && !absent && !operation.body(req.body)) {
        throw toHeraldError(operation.body.errors![0]!, 'body');
      }
      next();
    };
  }

  private checkParameters(
    operation: CompiledOperation,
    params: Record<string, unknown>,
    query: unknown,
    headers: Record<string, unknown>,
  ): ValidatedParameters {
    const queryValues = { ...(query as Record<string, unknown>) };
    for (const name of Object.keys(queryValues)) {
      if (!operation.queryNames.has(name))
        throw new HeraldError('unknown_parameter', { param: name });
    }
    const result: ValidatedParameters = { query: {}, headers: {} };
    for (const check of operation.parameters) {
      const source = check.in === 'path' ? params : check.in === 'query' ? queryValues : headers;
      const key = check.in === 'header' ? check.name.toLowerCase() : check.name;
      const holder = { value: source[key] ?? check.defaultValue };
      if (holder.value === undefined) {
        if (check.required)
          throw toHeraldError(
            {
              keyword: 'required',
              instancePath: '',
              schemaPath: '',
              params: { missingProperty: check.name },
            },
            check.in,
          );
        continue;
      }
      // Validating through a holder object lets coercion replace the value in place.
      if (!check.validate(holder)) {
        const error = check.validate.errors![0]!;
        throw toHeraldError(
          { ...error, instancePath: error.instancePath.replace(/^\/value/, '') },
          check.in,
          check.name,
        );
      }
      if (check.in === 'query') result.query[check.name] = holder.value;
      if (check.in === 'header') result.headers[check.name] = holder.value as string;
    }
    return result;
  }

  private compile(
    operation: OpenApiOperation,
    pointer: string,
    bodyAjv: Ajv2020,
    parameterAjv: Ajv2020,
  ): CompiledOperation {
    const parameters = (operation.parameters ?? []).map((entry, index) => {
      const { parameter, schemaPointer } = this.resolveParameter(
        entry,
        `${pointer}/parameters/${index}`,
      );
      const validate = parameterAjv.compile({
        type: 'object',
        properties: { value: { $ref: `${SPEC_ID}${schemaPointer}` } },
      });
      return {
        name: parameter.name,
        in: parameter.in as Location,
        required: parameter.required === true,
        validate,
        defaultValue: (parameter.schema as { default?: unknown }).default,
      };
    });
    // Provider callbacks (Twilio) post form-encoded bodies: parsed, they are objects of strings.
    const content = operation.requestBody?.content ?? {};
    const mediaType = ['application/json', 'application/x-www-form-urlencoded'].find(
      (type) => content[type],
    );
    return {
      parameters,
      queryNames: new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name)),
      bodyRequired: operation.requestBody?.required !== false,
      body: mediaType
        ? bodyAjv.compile({
            $ref: `${SPEC_ID}${pointer}/requestBody/content/${mediaType.replace('/', '~1')}/schema`,
          })
        : undefined,
    };
  }

  private resolveParameter(
    entry: OpenApiParameter | { $ref: string },
    pointer: string,
  ): { parameter: OpenApiParameter; schemaPointer: string } {
    if ('$ref' in entry) {
      const name = entry.$ref.replace('#/components/parameters/', '');
      const parameter = this.spec.components.parameters?.[name] as OpenApiParameter | undefined;
      if (!parameter) throw new Error(`unresolved parameter ${entry.$ref}`);
      return { parameter, schemaPointer: `${entry.$ref}/schema` };
    }
    return { parameter: entry, schemaPointer: `${pointer}/schema` };
  }
}

function escapePointer(path: string): string {
  return path.replaceAll('~', '~0').replaceAll('/', '~1');
}
