import type { Kysely, Transaction } from 'kysely';
import { AuditLog, systemActor } from '../../audit/audit-log.js';
import type { Clock } from '../../platform/clock.js';
import { type Logger, safeError } from '../../platform/logging/logger.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import { addResults, type BatchResult } from '../retention/retention-batches.js';
import { deleteDataKey } from '../retention/retention-content.store.js';
import { findRetentionPolicy } from '../retention/retention-policy.js';
import { listHeldAccounts } from '../retention/retention-target.js';
import { deleteMessages } from '../retention/retention-usage.store.js';
import { AUDIT_KEEP_YEARS, addYears } from './account-closure.js';
import {
  deleteAuditEvents,
  findClosure,
  listAuditExpiredAccounts,
  listDueClosures,
  lockAccount,
} from './account-closure.store.js';
import {
  deleteAccountRows,
  deleteUsersWithoutMembership,
  markPurged,
  memberIds,
  scrubAuditEvents,
  tablesWithAccountId,
  tombstoneAccount,
} from './account-closure-purge.store.js';
import { oldestKeptBillingMonth } from './billing-record.js';
import {
  addBillingCounts,
  deleteBillingRecordsBefore,
  listBillingRecords,
} from './billing-record.store.js';

/**
 * What a closed account keeps in the account store, and why. Every other table with an
 * `account_id` is emptied of the account's rows (see tablesWithAccountId).
 * - accounts: the tombstone (id, status `closed`, dates), so ids in kept records resolve.
 * - audit_events: scrubbed of IPs and personal details, kept AUDIT_KEEP_YEARS.
 * - billing_records: message counts, kept BILLING_KEEP_YEARS.
 * - account_closures: when it closed and was purged (no personal data).
 * - retention_policies: a legal hold must survive the purge it pauses.
 */
export const KEPT_ACCOUNT_TABLES = new Set([
  'audit_events',
  'billing_records',
  'account_closures',
  'retention_policies',
]);

export type PurgeDeps = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  content: Kysely<ContentDatabase>;
  clock: Clock;
  logger: Logger;
  batchSize: number;
};

export type PurgeReport = {
  accountId: string;
  content: BatchResult;
  usage: BatchResult;
  accountRows: number;
  usersDeleted: number;
};

/**
 * The end of a closing, run by the `retention.account` job once the grace period is over: the
 * content store (again: whatever arrived since), the usage store (messages counted into the
 * billing records first), then the account store in one transaction that ends by marking the
 * closure purged. Each step can run again after a crash; a legal hold pauses all of it.
 */
export class AccountClosurePurge {
  constructor(private readonly deps: PurgeDeps) {}

  async purgeDue(limit = 100): Promise<PurgeReport[]> {
    const due = await listDueClosures(this.deps.account, this.deps.clock.now(), limit);
    const reports: PurgeReport[] = [];
    for (const accountId of due) {
      // One account that cannot be purged must not hold up the others: it is logged, and
      // tried again at the next run.
      const report = await this.purge(accountId).catch((error) => {
        this.deps.logger.error(
          { accountId, error: safeError(error) },
          'closed account purge failed',
        );
        return null;
      });
      if (report) reports.push(report);
    }
    return reports;
  }

  /** Closing, past its grace period, not purged yet, and under no legal hold. */
  private async isDue(
    db: Kysely<AccountDatabase> | Transaction<AccountDatabase>,
    accountId: string,
  ): Promise<boolean> {
    const closure = await findClosure(db, accountId);
    if (!closure || closure.purged_at || closure.purge_at > this.deps.clock.now()) return false;
    return !(await findRetentionPolicy(db, accountId)).legalHold;
  }

  async purge(accountId: string): Promise<PurgeReport | null> {
    const { batchSize: batch } = this.deps;
    if (!(await this.isDue(this.deps.account, accountId))) return null;
    await deleteDataKey(this.deps.content, accountId);
    const content = addResults(...(await this.sweep(this.deps.content, accountId)));
    const messages = await deleteMessages(this.deps.usage, { accountId }, batch, (tallies) =>
      addBillingCounts(this.deps.account, accountId, tallies),
    );
    const usage = addResults(messages, ...(await this.sweep(this.deps.usage, accountId)));

    const now = this.deps.clock.now();
    const { accountRows, usersDeleted } = await this.deps.account
      .transaction()
      .execute(async (tx) => {
        await lockAccount(tx, accountId);
        // Put on hold since the check above: what is left stays.
        if (!(await this.isDue(tx, accountId))) return { accountRows: 0, usersDeleted: 0 };
        const members = await memberIds(tx, accountId);
        let rows = 0;
        for (const table of await tablesWithAccountId(tx)) {
          if (KEPT_ACCOUNT_TABLES.has(table)) continue;
          rows += (await deleteAccountRows(tx, table, accountId, batch)).rows;
        }
        const users = await deleteUsersWithoutMembership(tx, members);
        await scrubAuditEvents(tx, accountId, batch);
        await tombstoneAccount(tx, accountId);
        await markPurged(tx, accountId, now);
        await new AuditLog({ account: this.deps.account }).record(
          {
            accountId,
            actor: systemActor,
            action: 'account.purged',
            target: { type: 'account', id: accountId },
            details: { billing_records: (await listBillingRecords(tx, accountId)).length },
          },
          tx,
        );
        return { accountRows: rows, usersDeleted: users };
      });
    const report = { accountId, content, usage, accountRows, usersDeleted };
    this.deps.logger.info(
      { accountId, content: content.rows, usage: usage.rows, accountRows, usersDeleted },
      'closed account purged',
    );
    return report;
  }

  /**
   * Kept records past their period: billing records older than BILLING_KEEP_YEARS (of every
   * account), and the audit log of accounts purged more than AUDIT_KEEP_YEARS ago.
   */
  async expireKeptRecords(): Promise<{ billingRecords: number; auditEvents: number }> {
    const now = this.deps.clock.now();
    const held = await listHeldAccounts(this.deps.account);
    const billingRecords = await deleteBillingRecordsBefore(
      this.deps.account,
      oldestKeptBillingMonth(now),
      held,
    );
    let auditEvents = 0;
    for (const accountId of await listAuditExpiredAccounts(
      this.deps.account,
      addYears(now, -AUDIT_KEEP_YEARS),
    )) {
      auditEvents += await deleteAuditEvents(this.deps.account, accountId);
    }
    return { billingRecords, auditEvents };
  }

  /** Content and usage stores keep nothing of a purged account. */
  private async sweep(
    // biome-ignore lint/suspicious/noExplicitAny: any store's tables.
    db: Kysely<any>,
    accountId: string,
  ): Promise<BatchResult[]> {
    const results: BatchResult[] = [];
    for (const table of await tablesWithAccountId(db))
      results.push(await deleteAccountRows(db, table, accountId, this.deps.batchSize));
    return results;
  }
}
