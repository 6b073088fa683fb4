import { type Kysely, sql } from 'kysely';
import type { ChannelName, MessageStatus, UsageDatabase } from '../platform/stores/usage.schema.js';

/** One group of the aggregation: outbound messages of one UTC day, channel, status and code. */
export type OverviewGroupRow = {
  day: string;
  channel: ChannelName;
  status: MessageStatus;
  error_code: string | null;
  count: number;
};

/**
 * Counts an account's outbound messages since `from`, grouped in PostgreSQL: the answer is one
 * row per day × channel × status × error code, however many messages there are. The
 * `messages_account_stats_idx` index covers every column read, so this is an index-only scan.
 */
export async function countOutboundGroups(
  db: Kysely<UsageDatabase>,
  accountId: string,
  from: Date,
): Promise<OverviewGroupRow[]> {
  const day = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .selectFrom('messages')
    .select([
      day.as('day'),
      'channel',
      'status',
      'error_code',
      (eb) => eb.fn.countAll<string>().as('count'),
    ])
    .where('account_id', '=', accountId)
    .where('direction', '=', 'outbound')
    .where('created_at', '>=', from)
    .groupBy([day, 'channel', 'status', 'error_code'])
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

export async function countInbound(
  db: Kysely<UsageDatabase>,
  accountId: string,
  from: Date,
): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('account_id', '=', accountId)
    .where('direction', '=', 'inbound')
    .where('created_at', '>=', from)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
