// `npm run lint`: install if needed (a fresh clone has no Biome yet), then check the whole repo.
import { execSync } from 'node:child_process';
import { ensureInstalled, repoRoot } from './ensure-install.mjs';

ensureInstalled();
try {
  execSync(`npx biome check ${process.argv.slice(2).join(' ')} .`, {
    cwd: repoRoot,
    stdio: 'inherit',
  });
} catch {
  process.exit(1);
}
