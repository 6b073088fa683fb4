import type { Kysely } from 'kysely';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import { type OrphanReport, removeOrphanedContent } from './orphaned-content.js';
import { DEFAULT_RETENTION_BATCH } from './retention-batches.js';
import { type RetentionRunReport, type RunnerDeps, runRetention } from './retention-runner.js';
import { CONTENT_MIN_AGE_MS, sweepContent } from './retention-sweep.js';
import { listHeldAccounts } from './retention-target.js';

export type ContentRetentionDeps = RunnerDeps & {
  content: Kysely<ContentDatabase>;
  /** Read only: which messages are still pending (or exist at all), so their content stays. */
  usage: Kysely<UsageDatabase>;
  batchSize?: number;
};

export type ContentRetentionReport = RetentionRunReport & { orphans: OrphanReport };

/**
 * `retention.content`: each account's content older than its `content_days`, then orphaned
 * content (whose message does not exist) older than the hour a send may take to write its
 * message row, in every account not under a legal hold.
 */
export function createContentRetentionProcessor(deps: ContentRetentionDeps) {
  const batch = deps.batchSize ?? DEFAULT_RETENTION_BATCH;
  const mode = { kind: 'delete', batch } as const;
  return async (): Promise<ContentRetentionReport> => {
    const report = await runRetention(deps, 'content', (target, now) =>
      sweepContent(deps, target, now, mode),
    );
    const orphans = await removeOrphanedContent(deps, {
      before: new Date(report.startedAt.getTime() - CONTENT_MIN_AGE_MS),
      exceptAccounts: await listHeldAccounts(deps.account),
      batch,
    });
    // A finding, not tidiness: each is a send whose clean-up failed, or a crash mid-send.
    if (orphans.rows > 0)
      deps.logger.warn(
        { store: 'content', orphans: orphans.rows, accounts: orphans.accounts },
        'orphaned content removed: ciphertext whose message does not exist',
      );
    return { ...report, orphans };
  };
}
