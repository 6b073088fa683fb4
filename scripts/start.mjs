// `npm start`: install if needed, build, then hand over to the launcher (packages/devkit).
import { spawn } from 'node:child_process';
import { build, ensureInstalled, repoRoot } from './ensure-install.mjs';

ensureInstalled();
build();
const child = spawn(process.execPath, [`${repoRoot}packages/devkit/dist/start/launch.js`], {
  stdio: 'inherit',
});
// The launcher stops its children on these signals; pass them on and wait for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
