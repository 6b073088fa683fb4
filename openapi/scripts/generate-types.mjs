// Renders src/generated/types.ts from openapi.yaml: the one copy of the wire types. The server,
// the console and the SDK all use it (the SDK copies it into its package at build, see
// packages/sdk/scripts/build.mjs). The same function backs `npm run generate` and the test that
// fails when the committed types are stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

export const specUrl = new URL('../openapi.yaml', import.meta.url);
export const typesPath = fileURLToPath(new URL('../src/generated/types.ts', import.meta.url));

const banner = `/**
 * Generated from openapi/openapi.yaml by \`npm run generate\`. Do not edit by hand.
 */

`;

/**
 * A field with a default stays optional (`defaultNonNullable: false`): these are the types
 * callers write requests with, and Herald fills in what they leave out, so the server reads such
 * a field as possibly absent too.
 */
export async function renderTypes() {
  return banner + astToString(await openapiTS(specUrl, { defaultNonNullable: false }));
}

export async function readCommittedTypes() {
  return readFile(typesPath, 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(typesPath, await renderTypes());
  console.log(`wrote ${typesPath}`);
}
