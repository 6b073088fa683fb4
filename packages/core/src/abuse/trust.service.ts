import type { Kysely, Transaction } from 'kysely';
import { type Actor, type AuditLog, systemActor } from '../audit/audit-log.js';
import type { SystemEmail, SystemMailer } from '../notifications/system-email.job.js';
import { reviewOutcomeEmail, suspensionEmail } from '../notifications/templates.js';
import { ownerEmails } from '../people/membership.store.js';
import type { Clock } from '../platform/clock.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import { newId } from '../platform/ids.js';
import type { BestEffort } from '../platform/observability/best-effort.js';
import type { AccountDatabase, AccountStatus } from '../platform/stores/account.schema.js';
import type { AbuseSignal } from './abuse-signals.js';
import {
  type AccountDecision,
  type PendingReview,
  type ReviewOutcome,
  type ReviewRequest,
  toAccountDecision,
  toReviewRequest,
} from './trust.js';
import * as store from './trust.store.js';

export type TrustDeps = {
  account: Kysely<AccountDatabase>;
  audit: AuditLog;
  /** Herald's own emails; only `send` is used, after each commit. */
  mailer: Pick<SystemMailer, 'send'>;
  /** Told when an owner cannot be emailed about a decision that was made all the same. */
  bestEffort: BestEffort;
  clock: Clock;
};

export type SuspendInput = {
  score: number | null;
  signals: AbuseSignal[];
  reason: string;
  automated: boolean;
  /** Who decided; Herald itself when omitted. */
  actor?: Actor;
};

/**
 * Suspension and human review: the state machine `active → suspended → (review) → active` or
 * `suspended` upheld. Each change, its decision or review row and its audit event are written in
 * one account-store transaction, under a lock on the account row; the owners are emailed after
 * the commit, so an email never announces a change that was rolled back.
 */
export class TrustService {
  private readonly clock: Clock;

  constructor(private readonly deps: TrustDeps) {
    this.clock = deps.clock;
  }

  /** Suspends an active account; returns null (and changes nothing) for any other status. */
  async suspend(accountId: string, input: SuspendInput): Promise<AccountDecision | null> {
    const actor = input.actor ?? systemActor;
    const result = await this.transaction(async (tx) => {
      const account = await store.lockAccount(tx, accountId);
      if (!account) throw new HeraldError('account_not_found');
      if (account.status !== 'active') return null;
      const now = this.clock.now();
      await store.setAccountStatus(tx, accountId, 'suspended', now);
      const row = await store.insertDecision(tx, {
        id: newId('dec'),
        account_id: accountId,
        kind: 'suspended',
        automated: input.automated,
        score: input.score,
        signals: JSON.stringify(input.signals),
        reason: input.reason,
        decided_by: actor.type === 'operator' ? actor.id : null,
        created_at: now,
      });
      await this.deps.audit.record(
        {
          accountId,
          actor,
          action: 'account.suspended',
          target: { type: 'account', id: accountId },
          details: {
            decision_id: row.id,
            automated: input.automated,
            score: input.score,
            signals: input.signals,
            reason: input.reason,
          },
        },
        tx,
      );
      return { decision: toAccountDecision(row), name: account.name };
    });
    if (!result) return null;
    await this.notifyOwners(accountId, (to) =>
      suspensionEmail(to, result.name, input.reason, input.signals),
    );
    return result.decision;
  }

  async listDecisions(accountId: string): Promise<AccountDecision[]> {
    return (await store.listDecisions(this.deps.account, accountId)).map(toAccountDecision);
  }

  /** Files an owner's request for a human review of the latest suspension. */
  async requestReview(
    accountId: string,
    input: { userId: string | null; statement: string; actor: Actor },
  ): Promise<ReviewRequest> {
    return this.transaction(async (tx) => {
      const account = await store.lockAccount(tx, accountId);
      if (!account) throw new HeraldError('account_not_found');
      const suspension = await store.latestSuspension(tx, accountId);
      if (account.status !== 'suspended' || !suspension)
        throw new HeraldError('review_not_allowed');
      if (await store.findPendingReview(tx, accountId)) throw new HeraldError('review_not_allowed');
      const row = await store.insertReview(tx, {
        id: newId('rev'),
        account_id: accountId,
        decision_id: suspension.id,
        requested_by: input.userId,
        statement: input.statement,
        created_at: this.clock.now(),
      });
      await this.deps.audit.record(
        {
          accountId,
          actor: input.actor,
          action: 'review.requested',
          target: { type: 'review_request', id: row.id },
          details: { decision_id: suspension.id },
        },
        tx,
      );
      return toReviewRequest(row);
    });
  }

  async listReviewRequests(accountId: string): Promise<ReviewRequest[]> {
    return (await store.listReviews(this.deps.account, accountId)).map(toReviewRequest);
  }

  /** Every pending review, oldest first, with its account's name and the suspension it is about. */
  async listPendingReviews(): Promise<PendingReview[]> {
    const rows = await store.listPendingReviews(this.deps.account);
    const decisions = await store.findDecisions(
      this.deps.account,
      rows.map((row) => row.decision_id),
    );
    const byId = new Map(decisions.map((row) => [row.id, toAccountDecision(row)]));
    return rows.map(({ account_name, ...row }) => ({
      ...toReviewRequest(row),
      accountName: account_name,
      // The foreign key guarantees the decision exists.
      decision: byId.get(row.decision_id)!,
    }));
  }

  /** An operator reinstates the account or upholds its suspension; the owners are told why. */
  async resolveReview(
    reviewId: string,
    input: { outcome: ReviewOutcome; reason: string; operator: string; ip?: string | null },
  ): Promise<ReviewRequest> {
    const actor: Actor = { type: 'operator', id: input.operator, ip: input.ip ?? null };
    const reinstate = input.outcome === 'reinstate';
    const result = await this.transaction(async (tx) => {
      const review = await store.findReviewForUpdate(tx, reviewId);
      if (!review) throw new HeraldError('review_request_not_found');
      if (review.status !== 'pending') throw new HeraldError('review_already_resolved');
      const account = await store.lockAccount(tx, review.account_id);
      if (!account) throw new HeraldError('review_request_not_found');
      const now = this.clock.now();
      // A closed account stays closed: reinstating lifts a suspension, nothing else.
      if (reinstate && account.status === 'suspended') {
        await store.setAccountStatus(tx, account.id, 'active', now);
      }
      const decision = await store.insertDecision(tx, {
        id: newId('dec'),
        account_id: account.id,
        kind: reinstate ? 'reinstated' : 'upheld',
        automated: false,
        score: null,
        signals: '[]',
        reason: input.reason,
        decided_by: input.operator,
        created_at: now,
      });
      const updated = await store.resolveReviewRow(tx, reviewId, {
        status: reinstate ? 'reinstated' : 'upheld',
        outcome_reason: input.reason,
        resolved_by: input.operator,
        resolved_at: now,
      });
      await this.deps.audit.record(
        {
          accountId: account.id,
          actor,
          action: reinstate ? 'account.reinstated' : 'review.upheld',
          target: reinstate
            ? { type: 'account', id: account.id }
            : { type: 'review_request', id: reviewId },
          details: {
            decision_id: decision.id,
            review_request_id: reviewId,
            suspension_id: review.decision_id,
            reason: input.reason,
          },
        },
        tx,
      );
      return { review: toReviewRequest(updated), name: account.name };
    });
    await this.notifyOwners(result.review.accountId, (to) =>
      reviewOutcomeEmail(to, result.name, reinstate ? 'reinstated' : 'upheld', input.reason),
    );
    return result.review;
  }

  /** Status and last reinstatement of each account, for the scorer. */
  async standings(
    accountIds: readonly string[],
  ): Promise<Map<string, { status: AccountStatus; reinstatedAt: Date | null }>> {
    const rows = await store.listStandings(this.deps.account, accountIds);
    return new Map(rows.map((r) => [r.id, { status: r.status, reinstatedAt: r.reinstated_at }]));
  }

  private transaction<T>(run: (tx: Transaction<AccountDatabase>) => Promise<T>): Promise<T> {
    return this.deps.account.transaction().execute(run);
  }

  /**
   * The decision is committed whatever happens here: a failed enqueue is reported (with the
   * account, never the address) rather than thrown, so a caller does not retry a change that
   * was made.
   */
  private async notifyOwners(
    accountId: string,
    compose: (to: string) => SystemEmail,
  ): Promise<void> {
    const failed = (error: unknown) =>
      this.deps.bestEffort.failed('owner_notification', error, { accountId });
    const owners = await ownerEmails(this.deps.account, accountId).catch((error) => {
      failed(error);
      return [];
    });
    for (const owner of owners) await this.deps.mailer.send(compose(owner.email)).catch(failed);
  }
}
