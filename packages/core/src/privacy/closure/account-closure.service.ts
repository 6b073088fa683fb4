import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import type { Clock } from '../../platform/clock.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import type { BestEffort } from '../../platform/observability/best-effort.js';
import type { AccountDatabase, AccountRow } from '../../platform/stores/account.schema.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import { DEFAULT_RETENTION_BATCH } from '../retention/retention-batches.js';
import { deleteContentRows, deleteDataKey } from '../retention/retention-content.store.js';
import { findRetentionPolicy } from '../retention/retention-policy.js';
import { DAY_MS } from '../retention/retention-sweep.js';
import {
  type AccountClosure,
  DEFAULT_CLOSE_GRACE_DAYS,
  toAccountClosure,
} from './account-closure.js';
import {
  deleteClosure,
  findClosure,
  insertClosure,
  lockAccount,
  revokeAllApiKeys,
  setAccountStatus,
} from './account-closure.store.js';

export type AccountClosureDeps = {
  account: Kysely<AccountDatabase>;
  content: Kysely<ContentDatabase>;
  audit: AuditLog;
  /** Told when the (unreadable) ciphertext of a closing account is left for the content job. */
  bestEffort: BestEffort;
  clock: Clock;
  /** ACCOUNT_CLOSE_GRACE_DAYS: how long an owner can change their mind. */
  graceDays?: number;
  batchSize?: number;
};

/**
 * Closing an organisation: its content is shredded at once (the data key destroyed), its API
 * keys revoked, and the rest is purged by the `retention.account` job after a grace period
 * during which an owner can cancel (see account-closure-purge.service.ts).
 */
export class AccountClosureService {
  private readonly clock: Clock;

  constructor(private readonly deps: AccountClosureDeps) {
    this.clock = deps.clock;
  }

  async close(
    accountId: string,
    input: { confirm: string; userId: string | null; actor: Actor },
  ): Promise<AccountClosure> {
    const now = this.clock.now();
    const purgeAt = new Date(
      now.getTime() + (this.deps.graceDays ?? DEFAULT_CLOSE_GRACE_DAYS) * DAY_MS,
    );
    const row = await this.deps.account.transaction().execute(async (tx) => {
      const account = await lockAccount(tx, accountId);
      if (!account) throw new HeraldError('account_not_found');
      if (account.status === 'closed' || (await findClosure(tx, accountId)))
        throw new HeraldError('account_closing');
      if ((await findRetentionPolicy(tx, accountId)).legalHold)
        throw new HeraldError('legal_hold_active');
      if (input.confirm !== account.name)
        throw new HeraldError('confirmation_mismatch', { param: 'confirm' });

      const closure = await insertClosure(tx, {
        account_id: accountId,
        requested_by: input.userId,
        requested_at: now,
        previous_status: account.status,
        content_shredded_at: now,
        purge_at: purgeAt,
      });
      await setAccountStatus(tx, accountId, 'closed');
      const revoked = await revokeAllApiKeys(tx, accountId, now);
      await this.deps.audit.record(
        {
          accountId,
          actor: input.actor,
          action: 'account.closed',
          target: { type: 'account', id: accountId },
          details: { purge_at: purgeAt.toISOString(), api_keys_revoked: revoked },
        },
        tx,
      );
      // The key goes before the commit: if it cannot be destroyed, nothing is closed and the
      // owner may try again; if the commit then fails, the content is unreadable all the same,
      // which is what the owner asked for.
      await deleteDataKey(this.deps.content, accountId);
      return closure;
    });

    // The ciphertext is unreadable already; removing it is tidiness. If this fails, the content
    // job removes what is left of a closing account at its next run.
    await this.deps.bestEffort.attempt(
      'closing_content_removal',
      deleteContentRows(
        this.deps.content,
        { accountId },
        this.deps.batchSize ?? DEFAULT_RETENTION_BATCH,
      ),
      { accountId },
    );
    return toAccountClosure(row);
  }

  async get(accountId: string): Promise<AccountClosure> {
    const row = await findClosure(this.deps.account, accountId);
    if (!row) throw new HeraldError('account_not_closing');
    return toAccountClosure(row);
  }

  /** Reopens the account within its grace period. Shredded content stays gone. */
  async cancel(accountId: string, actor: Actor): Promise<AccountRow> {
    return this.deps.account.transaction().execute(async (tx) => {
      const account = await lockAccount(tx, accountId);
      const closure = await findClosure(tx, accountId);
      if (!account || !closure || closure.purged_at) throw new HeraldError('account_not_closing');
      if (this.clock.now() >= closure.purge_at) {
        throw new HeraldError('account_closing', {
          detail: `The grace period ended at ${closure.purge_at.toISOString()}: the organisation is being purged and can no longer be reopened.`,
        });
      }
      await deleteClosure(tx, accountId);
      const reopened = await setAccountStatus(tx, accountId, closure.previous_status);
      await this.deps.audit.record(
        {
          accountId,
          actor,
          action: 'account.closure_canceled',
          target: { type: 'account', id: accountId },
          details: { to: closure.previous_status },
        },
        tx,
      );
      return reopened;
    });
  }
}
