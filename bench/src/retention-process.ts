// Usage retention runs in a process of their own, as the worker runs them: the bench process
// that measures accepts meanwhile must not share its event loop with the runs. One process for
// every run of a measurement, as one worker runs the job hour after hour.
// Usage: node --import tsx bench/src/retention-process.ts <account url> <usage url>
// Then a line per run on stdin, the run's clock as an ISO time; a JSON report answers each.
import { createInterface } from 'node:readline';
import {
  connectStores,
  createLogger,
  createUsageRetentionProcessor,
  destroyStores,
} from '@herald/core';
import { toolBestEffort } from '@herald/devkit';

const [account, usage] = process.argv.slice(2) as [string, string];
const stores = connectStores(
  { account, usage, content: usage },
  { poolSize: 2, applicationName: 'herald-bench-retention', bestEffort: toolBestEffort('x') },
);
const logger = createLogger({
  name: 'bench-retention',
  level: 'warn',
  destination: process.stderr,
});
try {
  // Ready once loaded and connected; each run starts when the bench sends its time.
  await stores.usage.selectFrom('messages').select('id').limit(1).execute();
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const now = new Date(line.trim());
    const started = performance.now();
    const report = await createUsageRetentionProcessor({
      account: stores.account,
      usage: stores.usage,
      clock: { now: () => now },
      logger,
      // As the worker reads it (its default, 1,000, unless set).
      ...(process.env.RETENTION_BATCH_SIZE && {
        batchSize: Number(process.env.RETENTION_BATCH_SIZE),
      }),
    })();
    process.stdout.write(
      `${JSON.stringify({ runMs: Math.round(performance.now() - started), rowsRemoved: report.rowsRemoved, accounts: report.accounts, monthsDropped: report.months.months.length })}\n`,
    );
  }
} finally {
  await destroyStores(stores);
}
