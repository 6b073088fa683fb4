import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

import type { components } from './generated/types.js';

export type { components, operations, paths } from './generated/types.js';
/** The spec's schemas by name: `Schemas['Message']` is a message as the API answers it. */
export type Schemas = components['schemas'];

/** Absolute path of openapi.yaml, the same from `src/` (tests) and `dist/` (runtime). */
export const specPath = fileURLToPath(new URL('../openapi.yaml', import.meta.url));

/** A parsed OpenAPI document; kept loose because validators walk it generically. */
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown>; parameters?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
};

export type OpenApiParameter = {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema: Record<string, unknown>;
};

export type OpenApiOperation = {
  operationId: string;
  parameters?: Array<OpenApiParameter | { $ref: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
  security?: unknown[];
};

let cached: OpenApiDocument | undefined;

/** The spec, parsed once per process. */
export function loadSpec(): OpenApiDocument {
  cached ??= parse(readFileSync(specPath, 'utf8')) as OpenApiDocument;
  return cached;
}
export * from './data-classes.js';
export * from './data-inventory.js';
