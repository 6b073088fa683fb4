// `npm run bench`: installs and builds what it needs (like `npm start`), then runs the benchmark
// (bench/src/main.ts, through tsx). `-- --quick` runs a short smoke version.
import { spawn } from 'node:child_process';
import { build, ensureInstalled, repoRoot } from '../scripts/ensure-install.mjs';

ensureInstalled();
build();
const child = spawn(
  process.execPath,
  ['--import', 'tsx', `${repoRoot}bench/src/main.ts`, ...process.argv.slice(2)],
  { cwd: repoRoot, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
