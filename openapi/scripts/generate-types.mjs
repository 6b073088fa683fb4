// Renders src/generated/types.ts from openapi.yaml. The same function backs `npm run generate`
// and the test that fails when the committed types are stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

export const specUrl = new URL('../openapi.yaml', import.meta.url);
export const typesPath = fileURLToPath(new URL('../src/generated/types.ts', import.meta.url));

const banner = `/**
 * Generated from openapi/openapi.yaml by \`npm run generate\`. Do not edit by hand.
 */

`;

export async function renderTypes() {
  const ast = await openapiTS(specUrl);
  return banner + astToString(ast);
}

export async function readCommittedTypes() {
  return readFile(typesPath, 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(typesPath, await renderTypes());
  console.log(`wrote ${typesPath}`);
}
