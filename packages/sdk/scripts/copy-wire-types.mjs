// The SDK's wire types are the repo's one generated file (openapi/src/generated/types.ts,
// rendered by `npm run generate`), copied into src/generated/ at build. So the published package
// carries the types itself and imports no workspace package, and nothing is generated twice.
// The copy is not committed: src/generated/ is ignored.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const wireTypesPath = fileURLToPath(
  new URL('../../../openapi/src/generated/types.ts', import.meta.url),
);
export const sdkTypesPath = fileURLToPath(new URL('../src/generated/openapi.ts', import.meta.url));

/** Copies the wire types when they changed (an unchanged file keeps `tsc -b` incremental). */
export function copyWireTypes() {
  const text = readFileSync(wireTypesPath, 'utf8');
  let current = null;
  try {
    current = readFileSync(sdkTypesPath, 'utf8');
  } catch {}
  if (current === text) return false;
  mkdirSync(fileURLToPath(new URL('../src/generated/', import.meta.url)), { recursive: true });
  writeFileSync(sdkTypesPath, text);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && copyWireTypes())
  console.log(`wrote ${sdkTypesPath}`);
