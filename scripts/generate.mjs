// `npm run generate`: everything derived from a source of truth — the TypeScript types from
// openapi/openapi.yaml (one file; the SDK's build copies it, and so does this, so a typecheck
// sees the new types at once), docs/errors.md from the error registry, docs/permissions.md from
// the spec. Tests fail when either is stale.
import { execSync } from 'node:child_process';
import { repoRoot } from './ensure-install.mjs';

execSync('node openapi/scripts/generate-types.mjs', { cwd: repoRoot, stdio: 'inherit' });
execSync('node packages/sdk/scripts/copy-wire-types.mjs', { cwd: repoRoot, stdio: 'inherit' });
execSync('npx tsx scripts/generate-docs.ts', { cwd: repoRoot, stdio: 'inherit' });
