// `npm run generate`: everything derived from a source of truth — the TypeScript types from
// openapi/openapi.yaml (the server's and the SDK's own copy), docs/errors.md from the error registry, docs/permissions.md from the spec. Tests fail when either is stale.
import { execSync } from 'node:child_process';
import { repoRoot } from './ensure-install.mjs';

execSync('node openapi/scripts/generate-types.mjs', { cwd: repoRoot, stdio: 'inherit' });
execSync('node packages/sdk/scripts/generate-types.mjs', { cwd: repoRoot, stdio: 'inherit' });
execSync('npx tsx scripts/generate-docs.ts', { cwd: repoRoot, stdio: 'inherit' });
