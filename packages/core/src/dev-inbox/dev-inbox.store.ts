import type { Kysely } from 'kysely';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';

/** The account's outbound messages among `providerIds`: provider id → Herald message id. */
export async function outboundIdsByProviderId(
  db: Kysely<UsageDatabase>,
  accountId: string,
  providerIds: string[],
): Promise<Map<string, string>> {
  if (providerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'provider_message_id'])
    .where('account_id', '=', accountId)
    .where('direction', '=', 'outbound')
    .where('provider_message_id', 'in', providerIds)
    .execute();
  return new Map(rows.map((row) => [row.provider_message_id!, row.id]));
}
