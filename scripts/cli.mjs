// `npm run herald -- …` and `npm run migrate`: the operator CLI (packages/api/src/cli).
// While `npm start` has local stores, their URLs (in .herald/dev-env.json) are used for any
// variable the environment does not set.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { build, ensureInstalled, repoRoot } from './ensure-install.mjs';

ensureInstalled();
build();
const devEnvFile = `${repoRoot}.herald/dev-env.json`;
const devEnv = existsSync(devEnvFile) ? JSON.parse(readFileSync(devEnvFile, 'utf8')) : {};
const child = spawn(
  process.execPath,
  [`${repoRoot}packages/api/dist/cli/herald.js`, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...devEnv, ...process.env },
  },
);
child.on('exit', (code) => process.exit(code ?? 1));
