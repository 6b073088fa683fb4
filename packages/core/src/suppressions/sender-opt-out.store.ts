import type { Kysely, Transaction } from 'kysely';
import type { ChannelName, UsageDatabase } from '../platform/stores/usage.schema.js';

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

/** Records that an end user opted out of a sender; an existing entry is left as it is. */
export async function insertSenderOptOutIfAbsent(
  db: Db,
  row: {
    id: string;
    channel: ChannelName;
    sender: string;
    identifier_hash: string;
    identifier_masked: string;
  },
): Promise<void> {
  await db
    .insertInto('sender_opt_outs')
    .values(row)
    .onConflict((oc) => oc.column('identifier_hash').doNothing())
    .execute();
}

export async function deleteSenderOptOut(db: Db, identifierHash: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sender_opt_outs')
    .where('identifier_hash', '=', identifierHash)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Every organisation that sent from `sender` to `recipient` (its usage rows, within their
 * retention): whoever held the number when the end user heard from it. The end user is found
 * by each organisation's own keyed hash (`hashFor`, ADR 38), or in the clear in older rows.
 */
export async function accountsThatSentFrom(
  db: Db,
  channel: ChannelName,
  sender: string,
  recipient: string,
  hashFor: (accountId: string) => Promise<string>,
): Promise<string[]> {
  const senders = await db
    .selectFrom('messages')
    .select('account_id')
    .distinct()
    .where('sender', '=', sender)
    .where('direction', '=', 'outbound')
    .where('channel', '=', channel)
    .execute();
  const found: string[] = [];
  for (const { account_id: accountId } of senders) {
    const hash = await hashFor(accountId);
    const row = await db
      .selectFrom('messages')
      .select('id')
      .where('sender', '=', sender)
      .where('direction', '=', 'outbound')
      .where('channel', '=', channel)
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('identifier_hash', '=', hash), eb('recipient', '=', recipient)]))
      .limit(1)
      .executeTakeFirst();
    if (row) found.push(accountId);
  }
  return found;
}
