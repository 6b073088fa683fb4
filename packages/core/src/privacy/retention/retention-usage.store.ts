import { type Kysely, sql, type Transaction } from 'kysely';
import { claimableStatuses } from '../../messages/message-status.js';
import type { MessageStatus, UsageDatabase } from '../../platform/stores/usage.schema.js';
import type { BillingTally } from '../closure/billing-record.js';
import { type BatchResult, inBatches } from './retention-batches.js';

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

/**
 * Messages not yet handed to a provider (the claimable ones). Retention never removes them (nor
 * their content): a message scheduled 35 days ahead must still be sendable on day 35.
 */
export const PENDING_STATUSES: readonly MessageStatus[] = claimableStatuses;

/** Which of an account's messages retention removes: older than `before`, never pending ones. */
export type MessageScope = { accountId: string; before: Date };

export async function pendingMessageIds(db: Db, scope: MessageScope): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .select('id')
    .where('account_id', '=', scope.accountId)
    .where('created_at', '<', scope.before)
    .where('status', 'in', [...PENDING_STATUSES])
    .execute();
  return rows.map((r) => r.id);
}

export async function countMessages(db: Db, scope: MessageScope): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', scope.accountId)
    .where('created_at', '<', scope.before)
    .where('status', 'not in', [...PENDING_STATUSES])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Deletes messages in batches (their events and webhook logs go with them, ON DELETE CASCADE)
 * and hands each batch's counts per month, channel and direction to `tally` before the next
 * one, so billing keeps what it needs while the rows themselves go. Without `before` (closing
 * an account) every message goes, pending ones too.
 */
export async function deleteMessages(
  db: Db,
  scope: { accountId: string; before?: Date },
  batch: number,
  tally: (counts: BillingTally[]) => Promise<void>,
): Promise<BatchResult> {
  const age = scope.before
    ? sql`and created_at < ${scope.before} and status <> all(${[...PENDING_STATUSES]}::text[])`
    : sql``;
  return inBatches(async () => {
    const { rows } = await sql<BillingTally>`
      with gone as (
        delete from messages where id in (
          select id from messages where account_id = ${scope.accountId} ${age} limit ${batch}
        ) returning channel, direction, created_at
      )
      select to_char(created_at at time zone 'UTC', 'YYYY-MM') as month, channel, direction,
             count(*)::int as messages
      from gone group by 1, 2, 3`.execute(db);
    if (rows.length > 0) await tally(rows);
    return rows.reduce((sum, r) => sum + r.messages, 0);
  }, batch);
}

/**
 * Idempotency records older than `before`. Their promise is "at least 24 hours", whatever the
 * account's policy; accounts under a legal hold keep theirs.
 */
export async function deleteIdempotencyKeys(
  db: Db,
  before: Date,
  exceptAccounts: string[],
  batch: number,
): Promise<BatchResult> {
  return inBatches(async () => {
    const result = await sql`
      delete from idempotency_keys where (account_id, key) in (
        select account_id, key from idempotency_keys
        where created_at < ${before} and account_id <> all(${exceptAccounts}::text[])
        limit ${batch}
      )`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  }, batch);
}

/** Which of these message ids have a row (any account, any status): one query, one parameter. */
export async function existingMessageIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('messages')
    .select('id')
    .where(sql<boolean>`id = any(${ids}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.id));
}
