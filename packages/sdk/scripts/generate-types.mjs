// Writes the SDK's own copy of the types generated from openapi/openapi.yaml, so the published
// package depends on no workspace package. `npm run generate` runs it; a test fails when stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const specUrl = new URL('../../../openapi/openapi.yaml', import.meta.url);
export const sdkTypesPath = fileURLToPath(new URL('../src/generated/openapi.ts', import.meta.url));

const banner = `/**
 * Generated from openapi/openapi.yaml by \`npm run generate\`. Do not edit by hand.
 */

`;

/**
 * Unlike the server's copy, a field with a default stays optional (`defaultNonNullable: false`):
 * these are the types callers write requests with, and Herald fills in what they leave out.
 */
export async function renderSdkTypes() {
  return banner + astToString(await openapiTS(specUrl, { defaultNonNullable: false }));
}

export async function readSdkTypes() {
  return readFile(sdkTypesPath, 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(sdkTypesPath, await renderSdkTypes());
  console.log(`wrote ${sdkTypesPath}`);
}
