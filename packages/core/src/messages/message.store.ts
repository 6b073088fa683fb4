import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { ID_CLOCK_MARGIN_MS, idAt } from '../platform/ids.js';
import type {
  ChannelName,
  MessageEventRow,
  MessageRow,
  MessageStatus,
  NewMessageRow,
  UsageDatabase,
} from '../platform/stores/usage.schema.js';
import type { ClaimableStatus } from './message-status.js';

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

/** A new message as written, and whether its recipient turned out suppressed. */
export type InsertedMessage = MessageRow & { suppressed?: boolean };

/** A suppression list entry to look for in the same statement as the insert. */
export type SuppressionGuard = { accountId: string; channel: ChannelName; hash: string };

/**
 * The message and its first event in one statement (a data-modifying CTE): atomic on its own,
 * and one round trip to the usage store where two inserts in a transaction took four (issue 8).
 * With a guard, the same statement also says whether the recipient is suppressed, so a single
 * send reads the list without a round trip of its own; the caller then takes the row back.
 */
export async function insertMessage(
  db: Db,
  row: NewMessageRow,
  guard?: SuppressionGuard,
): Promise<InsertedMessage> {
  const [inserted] = await insertMessages(db, [{ row, guard }]);
  return inserted!;
}

/**
 * `insertMessage` for many single sends in one statement (see `coalesce`). Each row's guard is
 * looked for in that row's own account and channel, which `prepare` derives from the same
 * values. Answers in the order given.
 */
export async function insertMessages(
  db: Db,
  items: ReadonlyArray<{ row: NewMessageRow; guard?: SuppressionGuard }>,
): Promise<InsertedMessage[]> {
  const hashById = Object.fromEntries(
    items.filter((item) => item.guard).map((item) => [item.row.id, item.guard?.hash]),
  );
  const rows = await db
    .with('m', (qb) =>
      qb
        .insertInto('messages')
        .values(items.map((item) => item.row))
        .returningAll(),
    )
    .with('e', (qb) =>
      qb
        .insertInto('message_events')
        .columns(['message_id', 'account_id', 'status', 'error_code'])
        .expression((eb) =>
          eb
            .selectFrom('m')
            .select(['m.id', 'm.account_id', 'm.status', sql<null>`null`.as('error_code')]),
        ),
    )
    .selectFrom('m')
    .selectAll()
    .select(
      sql<boolean>`exists (select 1 from suppressions s where s.account_id = m.account_id
        and s.channel = m.channel
        and s.identifier_hash = (${JSON.stringify(hashById)}::jsonb ->> m.id))`.as('suppressed'),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return items.map((item) => {
    const row = byId.get(item.row.id);
    if (!row) throw new Error(`message ${item.row.id} missing from its batch insert`);
    return row;
  });
}

/** Takes back a message that was never accepted (its recipient turned out suppressed). */
export async function deleteUnacceptedMessage(db: Db, id: string): Promise<void> {
  await sql`with ${withTheirRows(sql`select ${id}::text`)}
    delete from messages where id = ${id}`.execute(db);
}

/**
 * The rows that name the messages `ids` selects, as data-modifying CTEs (a statement's CTEs all
 * run, named or not): their events and webhook logs. They once went by foreign keys with
 * `ON DELETE CASCADE`, which a table partitioned by id cannot keep without checking every row
 * again; whoever deletes a message writes `withTheirRows` beside it. `upTo`, the highest id the
 * selection can hold, lets the planner leave out every newer month: planning a statement over
 * all of them costs more than running it.
 */
export function withTheirRows(ids: RawBuilder<unknown>, upTo?: string): RawBuilder<unknown> {
  const bound = upTo ? sql`and message_id <= ${upTo}` : sql``;
  return sql`
    doomed_events as (delete from message_events where message_id in (${ids}) ${bound}),
    doomed_webhook_events as (delete from webhook_events where message_id in (${ids}) ${bound}),
    doomed_webhook_deliveries as (
      delete from webhook_deliveries where message_id in (${ids}) ${bound}),
    doomed_webhook_attempts as (delete from webhook_attempts where message_id in (${ids}) ${bound})`;
}

export async function insertEvent(
  db: Db,
  row: { message_id: string; account_id: string; status: MessageStatus; error_code: string | null },
): Promise<void> {
  await db.insertInto('message_events').values(row).execute();
}

export async function findMessage(
  db: Db,
  accountId: string,
  id: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Locks the row for a status change; the worker is the only writer while it holds it. */
export async function findMessageForUpdate(
  db: Transaction<UsageDatabase>,
  id: string,
): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateMessage(
  db: Db,
  id: string,
  fields: Partial<
    Pick<
      MessageRow,
      | 'status'
      | 'error_code'
      | 'error_message'
      | 'provider'
      | 'provider_message_id'
      | 'provider_error_code'
      | 'sender'
      | 'sent_at'
    >
  > & { attempts?: number },
): Promise<MessageRow> {
  return db
    .updateTable('messages')
    .set({ ...fields, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type MessageFilters = {
  status?: MessageStatus;
  channel?: ChannelName;
  /**
   * Sent to this end user, by keyed hash (ADR 38), or to this number in the clear (an inbound
   * message's, or a row written before identifiers were sealed).
   */
  recipient?: { clear: string; hash: string };
  /** The steps of one fallback chain (its first message's id). */
  chainId?: string;
  createdAfter?: Date;
  createdBefore?: Date;
  /** Only ids older than this one: the cursor. */
  beforeId?: string;
};

const shift = (at: Date, ms: number) => new Date(at.getTime() + ms);

/** Newest first; `limit` rows at most. */
export async function listMessages(
  db: Db,
  accountId: string,
  filters: MessageFilters,
  limit: number,
): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').selectAll().where('account_id', '=', accountId);
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.channel) query = query.where('channel', '=', filters.channel);
  const recipient = filters.recipient;
  if (recipient)
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('direction', '=', 'outbound'), eb('identifier_hash', '=', recipient.hash)]),
        eb('recipient', '=', recipient.clear),
      ]),
    );
  if (filters.chainId) query = query.where('chain_id', '=', filters.chainId);
  // A date range is also an id range (ids are ULIDs of the moment the row was written): the
  // newest-first walk of the account's ids then starts at the range, not at today, which on a
  // year of data was a walk through every newer message. The margin covers the API's clock
  // against the database's, which sets `created_at`.
  if (filters.createdAfter)
    query = query
      .where('created_at', '>', filters.createdAfter)
      .where('id', '>', idAt('msg', shift(filters.createdAfter, -ID_CLOCK_MARGIN_MS), 'first'));
  if (filters.createdBefore)
    query = query
      .where('created_at', '<', filters.createdBefore)
      .where('id', '<', idAt('msg', shift(filters.createdBefore, ID_CLOCK_MARGIN_MS), 'last'));
  if (filters.beforeId) query = query.where('id', '<', filters.beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

export async function listEvents(
  db: Db,
  accountId: string,
  messageId: string,
): Promise<MessageEventRow[]> {
  return db
    .selectFrom('message_events')
    .selectAll()
    .where('message_id', '=', messageId)
    .where('account_id', '=', accountId)
    .orderBy('id', 'asc')
    .execute();
}

/** A message that should have a dispatch job, and the keyset cursor of its page. */
export type AwaitingDispatch = Pick<
  MessageRow,
  | 'id'
  | 'account_id'
  | 'channel'
  | 'send_at'
  | 'content_stored'
  | 'created_at'
  | 'sender'
  | 'segments'
  | 'expires_at'
  | 'chain_step'
> & {
  cursor: { at: Date; id: string };
};

/**
 * The statuses that wait for a worker (the claimable ones), each read on its own partial index:
 * since when it has waited (a `sending` message untouched since its claim), and the order of
 * that index.
 */
const WAITING = {
  queued: { since: 'created_at', order: 'created_at' },
  scheduled: { since: 'created_at', order: 'send_at' },
  sending: { since: 'updated_at', order: 'updated_at' },
} as const satisfies Record<ClaimableStatus, { since: string; order: string }>;
export type WaitingStatus = ClaimableStatus;
export const waitingStatuses = Object.keys(WAITING) as WaitingStatus[];

/**
 * Messages in `status` that have waited since before `olderThan`, longest first, one page after
 * `after`: the reconciler checks that each still has its job, and a rebuild after Redis lost
 * its data queues them all again.
 */
export async function listAwaitingDispatch(
  db: Db,
  status: WaitingStatus,
  options: { olderThan: Date; limit: number; after?: { at: Date; id: string } },
): Promise<AwaitingDispatch[]> {
  const { since, order } = WAITING[status];
  let query = db
    .selectFrom('messages')
    .select([
      'id',
      'account_id',
      'channel',
      'send_at',
      'content_stored',
      'created_at',
      // What its pace is made from, should its job be queued again (ADR 28).
      'sender',
      'segments',
      'expires_at',
      // A fallback step queued again still checks its chain before it goes.
      'chain_step',
      `${order} as cursor_at`,
    ])
    .where('status', '=', status)
    .where(since, '<', options.olderThan);
  const after = options.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb(order, '>', after.at),
        eb.and([eb(order, '=', after.at), eb('id', '>', after.id)]),
      ]),
    );
  const rows = await query
    .orderBy(order, 'asc')
    .orderBy('id', 'asc')
    .limit(options.limit)
    .execute();
  return rows.map(({ cursor_at, ...row }) => ({
    ...row,
    cursor: { at: cursor_at as Date, id: row.id },
  }));
}
