// `npm run lint`: install if needed (a fresh clone has no Biome yet), then check the whole repo
// with Biome and the HTTP contract with Redocly's recommended rules (errors fail, warnings show).
import { execSync } from 'node:child_process';
import { ensureInstalled, repoRoot } from './ensure-install.mjs';

ensureInstalled();
try {
  execSync(`npx biome check ${process.argv.slice(2).join(' ')} .`, {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  execSync('npx redocly lint openapi/openapi.yaml --format=summary', {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
} catch {
  process.exit(1);
}
