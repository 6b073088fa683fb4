import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { StoreName } from '../../platform/stores/stores.js';
import type { BatchResult } from './retention-batches.js';
import { insertRetentionRuns, type NewRetentionRun } from './retention-run.store.js';
import { listRetentionTargets, type RetentionTarget } from './retention-target.js';

export type RunnerDeps = {
  account: Kysely<AccountDatabase>;
  clock: Clock;
  logger: Logger;
  /** Accounts read per page. */
  pageSize?: number;
};

export type RetentionRunReport = {
  store: StoreName;
  startedAt: Date;
  accounts: number;
  /** Accounts left alone because of a legal hold. */
  held: number;
  rowsRemoved: number;
  /** Delete statements, each touching at most the batch size. */
  statements: number;
  /** One entry per account that lost rows, as written to `retention_runs`. */
  runs: Array<{ accountId: string; rows: number; statements: number }>;
};

/**
 * One run of one store's retention job: every account in turn, under its own policy, with one
 * run record per account that lost rows (written a page of accounts at a time). `now` is read
 * once, so every account of a run is cut at the same instant; durations are measured with a
 * monotonic timer, not the clock.
 */
export async function runRetention(
  deps: RunnerDeps,
  store: StoreName,
  sweep: (target: RetentionTarget, now: Date) => Promise<BatchResult>,
): Promise<RetentionRunReport> {
  const pageSize = deps.pageSize ?? 500;
  const startedAt = deps.clock.now();
  const began = performance.now();
  const report: RetentionRunReport = {
    store,
    startedAt,
    accounts: 0,
    held: 0,
    rowsRemoved: 0,
    statements: 0,
    runs: [],
  };
  let afterId: string | undefined;
  for (;;) {
    const page = await listRetentionTargets(deps.account, { afterId, limit: pageSize });
    const records: NewRetentionRun[] = [];
    for (const target of page) {
      report.accounts += 1;
      if (target.policy.legalHold) {
        report.held += 1;
        continue;
      }
      const accountBegan = performance.now();
      const result = await sweep(target, startedAt);
      report.statements += result.statements;
      if (result.rows === 0) continue;
      records.push({
        accountId: target.accountId,
        store,
        rowsRemoved: result.rows,
        startedAt,
        durationMs: performance.now() - accountBegan,
      });
      report.rowsRemoved += result.rows;
      report.runs.push({
        accountId: target.accountId,
        rows: result.rows,
        statements: result.statements,
      });
    }
    // A page's records in one statement (what its accounts lost is already billed).
    await insertRetentionRuns(deps.account, records);
    if (page.length < pageSize) break;
    afterId = page.at(-1)!.accountId;
  }
  deps.logger.info(
    {
      store,
      accounts: report.accounts,
      held: report.held,
      accountsWithRemovals: report.runs.length,
      rowsRemoved: report.rowsRemoved,
      statements: report.statements,
      durationMs: Math.round(performance.now() - began),
    },
    'retention run',
  );
  return report;
}
