// Installs dependencies when they are missing or older than package-lock.json, so `npm start`
// and `npm test` work on a fresh clone. Plain Node, no dependencies: it runs before any exist.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export function ensureInstalled() {
  const marker = `${repoRoot}node_modules/.package-lock.json`;
  const lock = `${repoRoot}package-lock.json`;
  const stale =
    !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale) return;
  console.log('[herald] installing dependencies (npm install)…');
  execSync('npm install --no-audit --no-fund', { cwd: repoRoot, stdio: 'inherit' });
}

/** Builds every package with turbo (cached: a no-op when nothing changed). */
export function build() {
  execSync('npx turbo run build --output-logs=errors-only', {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
}
