import { type Kysely, sql, type Transaction } from 'kysely';
import { insertEvent } from '../messages/message.store.js';
import type { MessageRow, NewMessageRow, UsageDatabase } from '../platform/stores/usage.schema.js';

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

export async function findInboundByProviderId(
  db: Db,
  accountId: string,
  providerMessageId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('provider_message_id', '=', providerMessageId)
    .where('direction', '=', 'inbound')
    .executeTakeFirst();
}

/**
 * The inbound message and its `received` event (the webhook engine forwards it), unless the
 * provider already delivered this one (a retried webhook): then undefined, nothing written.
 * `messages` is partitioned by id, so no unique index can hold a provider's id across months:
 * a lock on the account and provider id makes a retry that races the first delivery wait for
 * it, and then find it.
 */
export async function insertInboundMessage(
  db: Transaction<UsageDatabase>,
  row: NewMessageRow,
): Promise<MessageRow | undefined> {
  const providerId = row.provider_message_id;
  if (providerId) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`inbound:${row.account_id}:${providerId}`}, 0))`.execute(
      db,
    );
    if (await findInboundByProviderId(db, row.account_id, providerId)) return undefined;
  }
  const message = await db
    .insertInto('messages')
    .values({ ...row, direction: 'inbound' })
    .returningAll()
    .executeTakeFirst();
  if (message)
    await insertEvent(db, {
      message_id: message.id,
      account_id: message.account_id,
      status: message.status,
      error_code: null,
    });
  return message;
}

/** The message a provider's own id names (a bounce names the email's Message-ID). */
export async function findByProviderMessageId(
  db: Db,
  channel: MessageRow['channel'],
  providerMessageIds: string[],
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('provider_message_id', 'in', providerMessageIds)
    .where('channel', '=', channel)
    .where('direction', '=', 'outbound')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}
