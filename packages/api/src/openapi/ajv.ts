import type { OpenApiDocument } from '@herald/openapi';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The id under which the whole spec is registered, so `$ref`s resolve as they do in the file. */
export const SPEC_ID = 'openapi.json';

/**
 * An Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) that knows the spec. Strict, so a
 * typo in a schema keyword fails loudly; OpenAPI's own annotations are declared as keywords.
 */
export function createSpecAjv(
  spec: OpenApiDocument,
  options: { coerceTypes?: boolean } = {},
): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: false,
    verbose: true,
    discriminator: true,
    coerceTypes: options.coerceTypes ?? false,
    // Defaults in the spec (like `limit: 20`) are applied to what the route reads.
    useDefaults: true,
  });
  addFormats.default(ajv);
  ajv.addVocabulary(['example', 'x-data-class', 'x-error-code', 'x-pattern-reason']);
  // Ajv compiles the document root when it resolves a `$ref` into it; the root's OpenAPI fields
  // are declared as inert keywords so strict mode accepts them.
  ajv.addVocabulary([
    'openapi',
    'info',
    'servers',
    'security',
    'tags',
    'paths',
    'components',
    'webhooks',
    'externalDocs',
  ]);
  ajv.addSchema(withoutDiscriminatorMappings(structuredClone(spec)) as object, SPEC_ID);
  return ajv;
}

/**
 * Ajv reads a discriminator's mapping from each branch's `const`, and refuses an explicit
 * `mapping`, which the spec keeps for documentation tools. Drop it from Ajv's copy only.
 */
function withoutDiscriminatorMappings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDiscriminatorMappings);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'discriminator' && value && typeof value === 'object') {
      const { mapping: _mapping, ...rest } = value as Record<string, unknown>;
      out[key] = rest;
    } else {
      out[key] = withoutDiscriminatorMappings(value);
    }
  }
  return out;
}
