import type { Kysely } from 'kysely';
import { privacyDeadlineEmail } from '../../notifications/privacy-request-emails.js';
import type { SystemEmail } from '../../notifications/system-email.job.js';
import { consoleLink } from '../../notifications/templates.js';
import { ownerEmails } from '../../people/membership.store.js';
import { announcePolicyChanges } from '../../people/policies.js';
import type { Clock } from '../../platform/clock.js';
import type { BestEffort } from '../../platform/observability/best-effort.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import type { PrivacyRequestLog } from './privacy-request.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Owners hear of a request this long before it is due, and again once it is overdue. */
export const DUE_SOON_DAYS = 7;

export type DeadlineRun = {
  dueSoon: number;
  overdue: number;
  expired: number;
  /** Material changes to the privacy notice or the terms announced to owners (item 7). */
  policyChanges: number;
};

/**
 * The clock of requests about end users (issue 17, item 1), run by the worker every
 * `RETENTION_INTERVAL_MS`: each owner of the organisation is emailed once when a request is 7
 * days from due and once when it is overdue; end users' own requests nobody verified in time
 * end `expired`, and their sealed identifiers go.
 */
export class PrivacyDeadlines {
  constructor(
    private readonly deps: {
      account: Kysely<AccountDatabase>;
      usage: Kysely<UsageDatabase>;
      requests: PrivacyRequestLog;
      mailer: { send(email: SystemEmail): Promise<unknown> };
      clock: Clock;
      /** The console's address for the email's link (`HERALD_PUBLIC_URL`). */
      publicUrl: string;
      bestEffort: BestEffort;
    },
  ) {}

  async run(): Promise<DeadlineRun> {
    const now = this.deps.clock.now();
    return {
      dueSoon: await this.remind('due_soon', now),
      overdue: await this.remind('overdue', now),
      expired: await this.expireUnverified(now),
      policyChanges: await announcePolicyChanges({ ...this.deps, now }),
    };
  }

  private async remind(which: 'due_soon' | 'overdue', now: Date): Promise<number> {
    const column = which === 'overdue' ? 'overdue_notified_at' : 'due_soon_notified_at';
    let query = this.deps.account
      .selectFrom('privacy_requests')
      .innerJoin('accounts', 'accounts.id', 'privacy_requests.account_id')
      .select([
        'privacy_requests.id',
        'privacy_requests.account_id',
        'privacy_requests.kind',
        'privacy_requests.received_at',
        'privacy_requests.deadline_at',
        'accounts.name',
      ])
      .where('privacy_requests.status', '=', 'pending')
      .where(`privacy_requests.${column}`, 'is', null);
    query =
      which === 'overdue'
        ? query.where('privacy_requests.deadline_at', '<=', now)
        : query
            .where('privacy_requests.deadline_at', '>', now)
            .where(
              'privacy_requests.deadline_at',
              '<=',
              new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS),
            );
    const due = await query.orderBy('privacy_requests.deadline_at').limit(1000).execute();
    for (const request of due) {
      // Marked first: an owner is told once, even if the email queue stumbles (it is reported).
      await this.deps.account
        .updateTable('privacy_requests')
        .set({ [column]: now })
        .where('id', '=', request.id)
        .execute();
      const owners = await ownerEmails(this.deps.account, request.account_id);
      for (const owner of owners)
        await this.deps.bestEffort.attempt(
          'owner_notification',
          this.deps.mailer.send(
            privacyDeadlineEmail(
              owner.email,
              request.name,
              {
                id: request.id,
                kind: request.kind,
                receivedAt: request.received_at,
                deadlineAt: request.deadline_at,
              },
              which === 'overdue',
              consoleLink(this.deps.publicUrl, 'privacy-requests'),
            ),
          ),
          { accountId: request.account_id },
        );
    }
    return due.length;
  }

  private async expireUnverified(now: Date): Promise<number> {
    const stale = await this.deps.usage
      .selectFrom('privacy_request_verifications')
      .select(['request_id', 'account_id'])
      .where('expires_at', '<=', now)
      .limit(1000)
      .execute();
    for (const row of stale) {
      await this.deps.requests.settle(
        row.account_id,
        row.request_id,
        'expired',
        'Not verified: the code expired unused.',
      );
      await this.deps.usage
        .deleteFrom('privacy_request_verifications')
        .where('request_id', '=', row.request_id)
        .execute();
    }
    return stale.length;
  }
}
