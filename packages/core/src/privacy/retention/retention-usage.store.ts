import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { withTheirRows } from '../../messages/message.store.js';
import { claimableStatuses } from '../../messages/message-status.js';
import { ID_CLOCK_MARGIN_MS, idAt } from '../../platform/ids.js';
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
 * Deletes messages in batches, with their events and webhook logs (no foreign key cascades:
 * `messages` is partitioned, see `withTheirRows`), and hands each batch's counts per month,
 * channel and direction to `tally` before the next one, so billing keeps what it needs while
 * the rows themselves go. Without `before` (closing an account) every message goes, pending
 * ones too.
 */
export async function deleteMessages(
  db: Db,
  scope: { accountId: string; before?: Date },
  batch: number,
  tally: (counts: BillingTally[]) => Promise<void>,
): Promise<BatchResult> {
  const accounts = sql`account_id = ${scope.accountId}`;
  return inBatches(async () => {
    const rows = await deleteMessageBatch(db, accounts, scope.before, batch);
    if (rows.length > 0) await tally(rows.map(({ account_id, ...tally }) => tally));
    return rows.reduce((sum, r) => sum + r.messages, 0);
  }, batch);
}

export type AccountTally = BillingTally & { account_id: string };

/**
 * One statement: at most `batch` of the messages of `accounts` (a condition on `account_id`)
 * created before `before`, except pending ones (all of them without `before`), with their
 * events and webhook logs. Returns their counts per account, month, channel and direction.
 * With `before`, the ids are bounded too, so only the months that can hold such messages are
 * planned and read.
 */
export async function deleteMessageBatch(
  db: Db,
  accounts: RawBuilder<unknown>,
  before: Date | undefined,
  batch: number,
): Promise<AccountTally[]> {
  const upTo = before
    ? idAt('msg', new Date(before.getTime() + ID_CLOCK_MARGIN_MS), 'last')
    : undefined;
  const age = before
    ? sql`and id <= ${upTo} and created_at < ${before}
          and status <> all(${[...PENDING_STATUSES]}::text[])`
    : sql``;
  const bound = upTo ? sql`and id <= ${upTo}` : sql``;
  const { rows } = await sql<AccountTally>`
    with doomed as (
      select id from messages where ${accounts} ${age} limit ${batch}
    ), ${withTheirRows(sql`select id from doomed`, upTo)},
    gone as (
      delete from messages where id in (select id from doomed) ${bound}
      returning account_id, channel, direction, created_at
    )
    select account_id, to_char(created_at at time zone 'UTC', 'YYYY-MM') as month, channel,
           direction, count(*)::int as messages
    from gone group by 1, 2, 3, 4`.execute(db);
  return rows;
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
