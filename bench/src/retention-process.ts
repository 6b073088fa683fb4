// One usage retention run in a process of its own, as the worker runs it: the bench process
// that measures accepts meanwhile must not share its event loop with the run.
// Usage: node --import tsx bench/src/retention-process.ts <account url> <usage url> <ISO time>
import {
  connectStores,
  createLogger,
  createUsageRetentionProcessor,
  destroyStores,
} from '@herald/core';
import { toolBestEffort } from '@herald/devkit';

const [account, usage, at] = process.argv.slice(2) as [string, string, string];
const stores = connectStores(
  { account, usage, content: usage },
  { poolSize: 2, applicationName: 'herald-bench-retention', bestEffort: toolBestEffort('x') },
);
try {
  // Ready once loaded and connected; the run starts when the bench says so (a line on stdin).
  await stores.usage.selectFrom('messages').select('id').limit(1).execute();
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const now = new Date(at);
  const started = performance.now();
  const report = await createUsageRetentionProcessor({
    account: stores.account,
    usage: stores.usage,
    clock: { now: () => now },
    logger: createLogger({ name: 'bench-retention', level: 'warn', destination: process.stderr }),
  })();
  process.stdout.write(
    `${JSON.stringify({ runMs: Math.round(performance.now() - started), rowsRemoved: report.rowsRemoved, accounts: report.accounts, monthsDropped: report.months.months.length })}\n`,
  );
} finally {
  await destroyStores(stores);
  process.stdin.destroy();
}
