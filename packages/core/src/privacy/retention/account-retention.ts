import type { Kysely } from 'kysely';
import {
  RemovedMemberPurge,
  type RemovedMemberPurgeRun,
} from '../../people/removed-member-purge.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import { AccountClosurePurge, type PurgeReport } from '../closure/account-closure-purge.service.js';
import { clearIpLog, deleteEndedSessions, deleteSpentTokens } from './retention-account.store.js';
import { type BatchResult, DEFAULT_RETENTION_BATCH } from './retention-batches.js';
import { defaultRetention } from './retention-policy.js';
import { type RetentionRunReport, type RunnerDeps, runRetention } from './retention-runner.js';
import { DAY_MS, sweepAccount } from './retention-sweep.js';
import { listHeldAccounts } from './retention-target.js';

export type AccountRetentionDeps = RunnerDeps & {
  /** For purging closed accounts: their usage rows and any content left. */
  usage: Kysely<UsageDatabase>;
  content: Kysely<ContentDatabase>;
  batchSize?: number;
};

export type AccountRetentionReport = RetentionRunReport & {
  /** The IP log of no account (failed log-ins to unknown addresses), under the default period. */
  unowned: BatchResult;
  sessions: number;
  tokens: number;
  purged: PurgeReport[];
  expired: { billingRecords: number; auditEvents: number };
  /** Users without any organisation: marked, back in one, and purged after 30 days. */
  removedMembers: RemovedMemberPurgeRun;
};

/**
 * `retention.account`: each account's IP log older than its `ip_log_days` (log-ins go, audit
 * events and keys keep everything but the IP), sessions and single-use links that can no longer
 * be used, closed accounts whose grace period is over, kept records past their period, and users
 * 30 days without any organisation (issue 17, item 5).
 */
export function createAccountRetentionProcessor(deps: AccountRetentionDeps) {
  const batch = deps.batchSize ?? DEFAULT_RETENTION_BATCH;
  const mode = { kind: 'delete', batch } as const;
  return async (): Promise<AccountRetentionReport> => {
    const report = await runRetention(deps, 'account', (target, now) =>
      sweepAccount(deps.account, target, now, mode),
    );
    const now = report.startedAt;
    const held = await listHeldAccounts(deps.account);
    const unowned = await clearIpLog(
      deps.account,
      { accountId: null, before: new Date(now.getTime() - defaultRetention.ipLogDays * DAY_MS) },
      batch,
    );
    const sessions = await deleteEndedSessions(deps.account, now, held);
    // Spent links are kept a day, so a late click still says "expired" rather than "unknown".
    const tokens = await deleteSpentTokens(deps.account, new Date(now.getTime() - DAY_MS), held);
    const purge = new AccountClosurePurge({ ...deps, batchSize: batch });
    const purged = await purge.purgeDue();
    const expired = await purge.expireKeptRecords();
    const removedMembers = await new RemovedMemberPurge({
      account: deps.account,
      clock: deps.clock,
    }).run(held);
    deps.logger.info(
      {
        store: 'account',
        unowned: unowned.rows,
        sessions,
        tokens,
        purgedAccounts: purged.length,
        removedMembers,
        ...expired,
      },
      'retention run',
    );
    return { ...report, unowned, sessions, tokens, purged, expired, removedMembers };
  };
}
