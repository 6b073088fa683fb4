import type { Kysely, Transaction } from 'kysely';
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
 */
export async function insertInboundMessage(
  db: Transaction<UsageDatabase>,
  row: NewMessageRow,
): Promise<MessageRow | undefined> {
  const message = await db
    .insertInto('messages')
    .values({ ...row, direction: 'inbound' })
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'provider_message_id'])
        .where('direction', '=', 'inbound')
        .doNothing(),
    )
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
