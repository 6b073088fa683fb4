import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import { belongsToNoOrganisation } from './membership.store.js';
import { deleteUserRecords } from './user.store.js';

/** How long a user without any organisation is kept: time to be invited back, or to ask for a copy. */
export const REMOVED_MEMBER_GRACE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type RemovedMemberPurgeRun = { marked: number; rejoined: number; purged: number };

/**
 * A removed member's personal data is purged after a grace period (issue 17, item 5). Each run
 * marks the users it finds without any membership (whatever removed the last one: a removal,
 * an organisation's closure), unmarks those who joined one again, and deletes the users marked
 * more than 30 days ago as deleting their own user does: their profile, sign-ins and sessions
 * go, and each organisation's audit records keep them as an id only.
 */
export class RemovedMemberPurge {
  constructor(
    private readonly deps: {
      account: Kysely<AccountDatabase>;
      clock: Clock;
      graceDays?: number;
    },
  ) {}

  /** `held`: accounts under a legal hold; whoever acted in one is kept, as its records are. */
  async run(held: readonly string[] = []): Promise<RemovedMemberPurgeRun> {
    const db = this.deps.account;
    const now = this.deps.clock.now();
    const marked = await db
      .updateTable('users')
      .set({ memberless_since: now })
      .where('memberless_since', 'is', null)
      .where(belongsToNoOrganisation)
      .executeTakeFirst();
    const rejoined = await db
      .updateTable('users')
      .set({ memberless_since: null })
      .where('memberless_since', 'is not', null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('memberships')
            .select('user_id')
            .whereRef('memberships.user_id', '=', 'users.id'),
        ),
      )
      .executeTakeFirst();
    const cutoff = new Date(
      now.getTime() - (this.deps.graceDays ?? REMOVED_MEMBER_GRACE_DAYS) * DAY_MS,
    );
    let due = db.selectFrom('users').select('id').where('memberless_since', '<=', cutoff);
    if (held.length > 0)
      due = due.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('audit_events')
              .select('id')
              .whereRef('audit_events.actor_id', '=', 'users.id')
              .where('audit_events.account_id', 'in', held),
          ),
        ),
      );
    let purged = 0;
    for (const { id } of await due.execute()) {
      const done = await db.transaction().execute(async (tx) => {
        // Locked and checked again: an invitation accepted meanwhile keeps them.
        const user = await tx
          .selectFrom('users')
          .select('id')
          .where('id', '=', id)
          .where('memberless_since', '<=', cutoff)
          .where(belongsToNoOrganisation)
          .forUpdate()
          .executeTakeFirst();
        if (!user) return false;
        await deleteUserRecords(tx, id);
        return true;
      });
      if (done) purged++;
    }
    return {
      marked: Number(marked.numUpdatedRows),
      rejoined: Number(rejoined.numUpdatedRows),
      purged,
    };
  }
}
