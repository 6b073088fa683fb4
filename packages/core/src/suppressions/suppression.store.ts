import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  ChannelName,
  SuppressionReason,
  SuppressionRow,
  UsageDatabase,
} from '../platform/stores/usage.schema.js';

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

export type SuppressionKey = { accountId: string; channel: ChannelName; hash: string };

/**
 * The send-time check: one look-up of the unique (account, channel, hash) index and, with a
 * sender's opt-out key, one of `sender_opt_outs`, in the same statement.
 */
/**
 * Whether each check's recipient is suppressed in its account's list, or opted out of the sender
 * named (`sender_opt_outs`), in one statement for many checks: one answer per check, in order.
 */
export async function suppressionsExist(
  db: Db,
  checks: ReadonlyArray<{ key: SuppressionKey; senderOptOutHash?: string }>,
): Promise<boolean[]> {
  const { rows } = await sql<{ n: string; found: boolean }>`
    select c.n, exists (
      select 1 from suppressions s where s.account_id = c.account_id
        and s.channel = c.channel and s.identifier_hash = c.hash
    ) or exists (
      select 1 from sender_opt_outs o where o.identifier_hash = c.opt_out
    ) as found
    from unnest(
      ${checks.map((c) => c.key.accountId)}::text[],
      ${checks.map((c) => c.key.channel)}::text[],
      ${checks.map((c) => c.key.hash)}::text[],
      ${checks.map((c) => c.senderOptOutHash ?? null)}::text[]
    ) with ordinality as c(account_id, channel, hash, opt_out, n)
    order by c.n`.execute(db);
  return rows.map((row) => row.found === true);
}

/** Adds the entry unless it is there already; returns the stored one and whether it is new. */
export async function insertSuppressionIfAbsent(
  db: Db,
  row: {
    id: string;
    account_id: string;
    channel: ChannelName;
    identifier_hash: string;
    identifier_masked: string;
    reason: SuppressionReason;
  },
): Promise<{ row: SuppressionRow; created: boolean }> {
  const inserted = await db
    .insertInto('suppressions')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'channel', 'identifier_hash']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await db
    .selectFrom('suppressions')
    .selectAll()
    .where('account_id', '=', row.account_id)
    .where('channel', '=', row.channel)
    .where('identifier_hash', '=', row.identifier_hash)
    .executeTakeFirstOrThrow();
  return { row: existing, created: false };
}

/** The deleted entry, or undefined when the account has none with this id. */
export async function deleteSuppressionById(
  db: Db,
  accountId: string,
  id: string,
): Promise<SuppressionRow | undefined> {
  return db
    .deleteFrom('suppressions')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .returningAll()
    .executeTakeFirst();
}

/** The deleted entry, or undefined when there was none. */
export async function deleteSuppressionByKey(
  db: Db,
  key: SuppressionKey,
): Promise<SuppressionRow | undefined> {
  return db
    .deleteFrom('suppressions')
    .where('account_id', '=', key.accountId)
    .where('channel', '=', key.channel)
    .where('identifier_hash', '=', key.hash)
    .returningAll()
    .executeTakeFirst();
}

export type SuppressionFilters = {
  channel?: ChannelName;
  hash?: string;
  /** Only ids older than this one: the cursor. */
  beforeId?: string;
};

/** Newest first; `limit` rows at most. */
export async function listSuppressions(
  db: Db,
  accountId: string,
  filters: SuppressionFilters,
  limit: number,
): Promise<SuppressionRow[]> {
  let query = db.selectFrom('suppressions').selectAll().where('account_id', '=', accountId);
  if (filters.channel) query = query.where('channel', '=', filters.channel);
  if (filters.hash) query = query.where('identifier_hash', '=', filters.hash);
  if (filters.beforeId) query = query.where('id', '<', filters.beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
