import { type Kysely, sql } from 'kysely';
import { ID_CLOCK_MARGIN_MS, idAt } from '../platform/ids.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import type { OverviewGroupRow } from './overview-stats.store.js';

/** A UTC day as `YYYY-MM-DD`. */
export type Day = string;

/**
 * Counts the messages of days `[from, to)` again, for every account, in one transaction: the
 * days' old counts go and the new ones come in together, so a reader sees one or the other.
 * The days are found by their ids (ULIDs of their creation time, walked on the primary key), as
 * no index holds `created_at` alone.
 */
export async function countDays(db: Kysely<UsageDatabase>, from: Day, to: Day): Promise<number> {
  const fromAt = new Date(`${from}T00:00:00Z`);
  const toAt = new Date(`${to}T00:00:00Z`);
  return db.transaction().execute(async (tx) => {
    // A backfill of a year of messages takes longer than the stores' statement timeout.
    await sql`set local statement_timeout = 0`.execute(tx);
    await tx
      .deleteFrom('message_daily_counts')
      .where('day', '>=', from)
      .where('day', '<', to)
      .execute();
    const result = await sql`
      insert into message_daily_counts (account_id, day, direction, channel, status, error_code, count)
      select account_id, (created_at at time zone 'UTC')::date, direction, channel, status,
             coalesce(error_code, ''), count(*)
        from messages
       where id >= ${idAt('msg', new Date(fromAt.getTime() - ID_CLOCK_MARGIN_MS), 'first')}
         and id <= ${idAt('msg', new Date(toAt.getTime() + ID_CLOCK_MARGIN_MS), 'last')}
         and created_at >= ${fromAt} and created_at < ${toAt}
       group by 1, 2, 3, 4, 5, 6`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  });
}

/** Up to which day (exclusive) the counts are complete, and whether the past was counted. */
export async function readCountsState(
  db: Kysely<UsageDatabase>,
): Promise<{ settledBefore: Day; backfilled: boolean } | undefined> {
  const row = await db
    .selectFrom('message_daily_counts_state')
    .select([sql<string>`to_char(settled_before, 'YYYY-MM-DD')`.as('settled_before'), 'backfilled'])
    .executeTakeFirst();
  return row && { settledBefore: row.settled_before, backfilled: row.backfilled };
}

export async function writeCountsState(
  db: Kysely<UsageDatabase>,
  state: { settledBefore: Day; backfilled: boolean },
): Promise<void> {
  await db
    .insertInto('message_daily_counts_state')
    .values({ settled_before: state.settledBefore, backfilled: state.backfilled })
    .onConflict((oc) =>
      oc.column('singleton').doUpdateSet({
        settled_before: state.settledBefore,
        backfilled: state.backfilled,
      }),
    )
    .execute();
}

/** An account's counted outbound groups of days `[from, to)`. */
export async function countedOutboundGroups(
  db: Kysely<UsageDatabase>,
  accountId: string,
  from: Day,
  to: Day,
): Promise<OverviewGroupRow[]> {
  const rows = await db
    .selectFrom('message_daily_counts')
    .select([
      sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'),
      'channel',
      'status',
      'error_code',
      'count',
    ])
    .where('account_id', '=', accountId)
    .where('day', '>=', from)
    .where('day', '<', to)
    .where('direction', '=', 'outbound')
    .execute();
  return rows.map((row) => ({
    day: row.day,
    channel: row.channel,
    status: row.status,
    error_code: row.error_code === '' ? null : row.error_code,
    count: Number(row.count),
  }));
}

/** An account's counted inbound messages of days `[from, to)`. */
export async function countedInbound(
  db: Kysely<UsageDatabase>,
  accountId: string,
  from: Day,
  to: Day,
): Promise<number> {
  const row = await db
    .selectFrom('message_daily_counts')
    .select(sql<string>`coalesce(sum(count), 0)`.as('count'))
    .where('account_id', '=', accountId)
    .where('day', '>=', from)
    .where('day', '<', to)
    .where('direction', '=', 'inbound')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Counts older than any overview reads. */
export async function deleteCountsOlderThan(db: Kysely<UsageDatabase>, day: Day): Promise<void> {
  await db.deleteFrom('message_daily_counts').where('day', '<', day).execute();
}

/** An account's counts from before its usage retention's cut-off go with its messages. */
export async function deleteCountsBefore(
  db: Kysely<UsageDatabase>,
  accounts: { only: string } | { except: string[] },
  before: Date,
): Promise<number> {
  const result = await db
    .deleteFrom('message_daily_counts')
    .where(
      'only' in accounts
        ? sql<boolean>`account_id = ${accounts.only}`
        : sql<boolean>`account_id <> all(${accounts.except}::text[])`,
    )
    .where('day', '<', before.toISOString().slice(0, 10))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
