// Builds the SDK twice from one source: ESM (dist/esm) and CommonJS (dist/cjs), each with its
// .d.ts, so both `import` and `require` get code and types of their own module format. First it
// copies in the wire types generated from openapi.yaml (copy-wire-types.mjs).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { copyWireTypes } from './copy-wire-types.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = (...args) =>
  execFileSync(process.execPath, [tsc, ...args], { cwd: root, stdio: 'inherit' });

copyWireTypes();
run('-b', 'tsconfig.json');
run('-b', 'tsconfig.cjs.json');
// dist/cjs sits in a `"type": "module"` package: this marker makes Node (and TypeScript) read
// its .js and .d.ts files as CommonJS.
writeFileSync(`${root}dist/cjs/package.json`, '{ "type": "commonjs" }\n');
