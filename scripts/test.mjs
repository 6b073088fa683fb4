// `npm test`: install if needed, build (which typechecks the shipped code), typecheck the tests,
// then run every test suite against real PostgreSQL and Redis, and end with one line that CI
// reads: `N passed, N failed`, summed over every step.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { build, ensureInstalled, repoRoot } from './ensure-install.mjs';

const totals = { passed: 0, failed: 0 };
const step = (name, run) => {
  try {
    run();
    totals.passed += 1;
  } catch {
    console.error(`[herald] step failed: ${name}`);
    totals.failed += 1;
  }
};

ensureInstalled();
ensureChromium();
step('build', build);
step('typecheck (tests included)', () =>
  execSync('npx tsc -p tsconfig.json', { cwd: repoRoot, stdio: 'inherit' }),
);

const resultsDir = `${repoRoot}.herald/test-results`;
mkdirSync(resultsDir, { recursive: true });
const report = `${resultsDir}/vitest.json`;
rmSync(report, { force: true });
spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  {
    cwd: repoRoot,
    stdio: 'inherit',
  },
);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests;
  // A file that fails with no failed test (it did not load, or a beforeAll/afterAll hook
  // failed) counts as one failure itself: otherwise the line would say 0 failed.
  totals.failed += json.testResults.filter(
    (r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed'),
  ).length;
} else {
  console.error('[herald] vitest wrote no report');
  totals.failed += 1;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);

/**
 * The console's browser tests drive Debian's Chromium (never a downloaded browser). As root,
 * install it when missing; otherwise say how, and let those tests fail with that message.
 */
function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() === 0) {
    console.log('[herald] installing Chromium for the console tests (apt-get install -y chromium)');
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
        stdio: 'inherit',
      }).status === 0;
    if (install()) return;
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    if (install()) return;
  }
  console.error(
    '[herald] /usr/bin/chromium is missing: the console tests will fail. Install it with `sudo apt-get install -y chromium`.',
  );
}
