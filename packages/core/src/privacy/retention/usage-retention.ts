import type { Kysely } from 'kysely';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import { type BatchResult, DEFAULT_RETENTION_BATCH } from './retention-batches.js';
import { type RetentionRunReport, type RunnerDeps, runRetention } from './retention-runner.js';
import { IDEMPOTENCY_KEEP_MS, sweepUsage } from './retention-sweep.js';
import { listHeldAccounts } from './retention-target.js';
import { deleteIdempotencyKeys } from './retention-usage.store.js';

export type UsageRetentionDeps = RunnerDeps & {
  usage: Kysely<UsageDatabase>;
  batchSize?: number;
};

export type UsageRetentionReport = RetentionRunReport & { idempotencyKeys: BatchResult };

/**
 * `retention.usage`: each account's messages older than its `usage_days` (with their events and
 * webhook logs; their counts go to the billing records first), then idempotency records past
 * their 24 hours. The suppression list is never touched: it is the minimum that keeps someone
 * who opted out from being contacted again.
 */
export function createUsageRetentionProcessor(deps: UsageRetentionDeps) {
  const batch = deps.batchSize ?? DEFAULT_RETENTION_BATCH;
  const mode = { kind: 'delete', batch } as const;
  return async (): Promise<UsageRetentionReport> => {
    const report = await runRetention(deps, 'usage', (target, now) =>
      sweepUsage(deps, target, now, mode),
    );
    const before = new Date(report.startedAt.getTime() - IDEMPOTENCY_KEEP_MS);
    const idempotencyKeys = await deleteIdempotencyKeys(
      deps.usage,
      before,
      await listHeldAccounts(deps.account),
      batch,
    );
    deps.logger.info({ store: 'usage', idempotencyKeys: idempotencyKeys.rows }, 'retention run');
    return { ...report, idempotencyKeys };
  };
}
