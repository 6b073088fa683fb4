import type { Kysely } from 'kysely';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import { sweepDefaultPolicyAccounts } from './default-policy-sweep.js';
import { type BatchResult, DEFAULT_RETENTION_BATCH, noRows } from './retention-batches.js';
import { listRetentionPolicies } from './retention-policy.js';
import { type RetentionRunReport, type RunnerDeps, runRetention } from './retention-runner.js';
import { IDEMPOTENCY_KEEP_MS, sweepUsage } from './retention-sweep.js';
import { listHeldAccounts } from './retention-target.js';
import { deleteIdempotencyKeys } from './retention-usage.store.js';
import { type RetiredMonthsReport, retireExpiredMonths } from './retired-months.js';

export type UsageRetentionDeps = RunnerDeps & {
  usage: Kysely<UsageDatabase>;
  batchSize?: number;
};

export type UsageRetentionReport = RetentionRunReport & {
  idempotencyKeys: BatchResult;
  /** Months dropped whole before the accounts' sweeps (their rows count in `rowsRemoved`). */
  months: RetiredMonthsReport;
};

/**
 * `retention.usage`: first the months every policy lets go, dropped whole; then the messages
 * older than each account's `usage_days` (with their events and webhook logs; their counts go
 * to the billing records first), in one pass for every account on the default policy and an
 * account at a time for those with a policy of their own; then idempotency records past their
 * 24 hours. The suppression list is never touched: it is the minimum that keeps someone
 * who opted out from being contacted again.
 */
export function createUsageRetentionProcessor(deps: UsageRetentionDeps) {
  const batch = deps.batchSize ?? DEFAULT_RETENTION_BATCH;
  const mode = { kind: 'delete', batch } as const;
  return async (): Promise<UsageRetentionReport> => {
    // One instant for every step, as for every account.
    const startedAt = deps.clock.now();
    const clock = { now: () => startedAt };
    const policies = await listRetentionPolicies(deps.account);
    const months = await retireExpiredMonths(deps, startedAt, policies);
    const ownPolicies = policies.map((p) => p.accountId);
    const onDefault = await sweepDefaultPolicyAccounts(deps, startedAt, ownPolicies, batch);
    const own = new Set(ownPolicies);
    const report = await runRetention({ ...deps, clock }, 'usage', async (target, now) =>
      own.has(target.accountId)
        ? sweepUsage(deps, target, now, mode)
        : (onDefault.get(target.accountId) ?? noRows),
    );
    const before = new Date(report.startedAt.getTime() - IDEMPOTENCY_KEEP_MS);
    const idempotencyKeys = await deleteIdempotencyKeys(
      deps.usage,
      before,
      await listHeldAccounts(deps.account),
      batch,
    );
    deps.logger.info(
      {
        store: 'usage',
        idempotencyKeys: idempotencyKeys.rows,
        monthsDropped: months.months.length,
        monthRows: months.rows,
      },
      'retention run',
    );
    return {
      ...report,
      rowsRemoved: report.rowsRemoved + months.rows,
      idempotencyKeys,
      months,
    };
  };
}
