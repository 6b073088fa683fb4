import { type Kysely, sql, type Transaction } from 'kysely';
import { decodeTime, encodeTime } from 'ulid';
import type { DeliveryErrorCode } from '../platform/errors/delivery-errors.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import type { UsageWindowStats } from './abuse-signals.js';

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

/**
 * Failures that say the recipient list is bad (the recipient does not exist, cannot receive the
 * channel, or the carrier refused the message), as opposed to Herald's or the provider's own
 * trouble (`provider_unavailable`, `channel_not_configured`…), which is not the sender's fault.
 */
export const recipientFailureCodes: readonly DeliveryErrorCode[] = [
  'invalid_recipient',
  'push_token_unregistered',
  'provider_rejected',
];

/**
 * Opt-outs and complaints. There is no suppression list yet (it arrives with its own issue), so
 * for now this is what providers tell us at send time: Twilio's 21610 "unsubscribed recipient"
 * becomes `recipient_unsubscribed`. The list, STOP keywords and email complaints will feed this
 * signal when they exist.
 */
export const optOutCodes: readonly DeliveryErrorCode[] = ['recipient_unsubscribed'];

/**
 * The smallest message id created at `at`. Message ids are ULIDs, which sort by creation time,
 * so a time range is an id range: it uses the primary key and the (account_id, id) index
 * instead of scanning `created_at`, which has no index of its own.
 */
export function messageIdAt(at: Date): string {
  return `msg_${encodeTime(at.getTime(), 10)}${'0'.repeat(16)}`;
}

function outboundBetween(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('messages')
    .where('id', '>=', messageIdAt(from))
    .where('id', '<', messageIdAt(to))
    .where('direction', '=', 'outbound');
}

/** Accounts that sent at least one message in `[from, to)`. */
export async function accountsThatSent(db: Db, from: Date, to: Date): Promise<string[]> {
  const rows = await outboundBetween(db, from, to).select('account_id').distinct().execute();
  return rows.map((row) => row.account_id);
}

export async function windowUsage(
  db: Db,
  accountId: string,
  from: Date,
  to: Date,
): Promise<UsageWindowStats> {
  const row = await outboundBetween(db, from, to)
    .where('account_id', '=', accountId)
    .select([
      sql<string>`count(*)`.as('sent'),
      sql<string>`count(*) filter (where status in ('sent', 'delivered', 'undelivered', 'failed'))`.as(
        'finished',
      ),
      sql<string>`count(*) filter (where status = 'undelivered' or (status = 'failed' and error_code in (${sql.join(recipientFailureCodes)})))`.as(
        'failed',
      ),
      sql<string>`count(*) filter (where status = 'failed' and error_code in (${sql.join(optOutCodes)}))`.as(
        'opted_out',
      ),
    ])
    .executeTakeFirstOrThrow();
  return {
    sent: Number(row.sent),
    finished: Number(row.finished),
    failed: Number(row.failed),
    optedOut: Number(row.opted_out),
  };
}

/** How many messages the account sent in `[from, to)`, and since when it has been sending. */
export async function usageHistory(
  db: Db,
  accountId: string,
  from: Date,
  to: Date,
): Promise<{ messages: number; firstAt: Date | null }> {
  const row = await outboundBetween(db, from, to)
    .where('account_id', '=', accountId)
    .select([sql<string>`count(*)`.as('messages'), sql<string | null>`min(id)`.as('first_id')])
    .executeTakeFirstOrThrow();
  const firstAt = row.first_id ? new Date(decodeTime(row.first_id.slice('msg_'.length))) : null;
  return { messages: Number(row.messages), firstAt };
}
