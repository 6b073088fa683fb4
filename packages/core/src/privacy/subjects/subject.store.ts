import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type {
  ChannelName,
  IdempotencyKeyRow,
  MessageEventRow,
  MessageRow,
  UsageDatabase,
} from '../../platform/stores/usage.schema.js';
import type { WebhookUsageDatabase } from '../../webhooks/webhook.schema.js';

/*
 * Usage store SQL that finds one end user's rows, always inside one account. They are the
 * recipient of outbound messages and the sender of inbound ones, found by keyed hash
 * (`messages_account_identifier_idx`, ADR 38); rows written before identifiers were sealed, by
 * the clear columns' own indexes (`messages_account_recipient_idx`, `messages_inbound_sender_idx`).
 */

/** An end user with their keyed hash; the identifier is null when only the hash is known. */
export type HashedSubject = { channel: ChannelName; identifier: string | null; hash: string };

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;
type WebhookDb = Kysely<WebhookUsageDatabase> | Transaction<WebhookUsageDatabase>;

export type SubjectMessage = Pick<
  MessageRow,
  'id' | 'channel' | 'direction' | 'status' | 'content_stored'
>;

/** The messages of the end user, in the account, as a condition on `messages`. */
export function ofSubject(accountId: string, subject: HashedSubject) {
  return (eb: ExpressionBuilder<UsageDatabase, 'messages'>) => {
    const { identifier } = subject;
    const legacy =
      identifier === null
        ? []
        : [
            eb.and([
              eb('messages.direction', '=', 'outbound'),
              eb('messages.recipient', '=', identifier),
            ]),
            eb.and([
              eb('messages.direction', '=', 'inbound'),
              eb('messages.sender', '=', identifier),
            ]),
          ];
    return eb.and([
      eb('messages.account_id', '=', accountId),
      eb('messages.channel', '=', subject.channel),
      eb.or([eb('messages.identifier_hash', '=', subject.hash), ...legacy]),
    ]);
  };
}

/** One page of the end user's messages, oldest first, ids after `afterId`. */
export async function listSubjectMessages(
  db: Db,
  accountId: string,
  subject: HashedSubject,
  options: { limit: number; afterId?: string },
): Promise<SubjectMessage[]> {
  let query = db
    .selectFrom('messages')
    .select(['id', 'channel', 'direction', 'status', 'content_stored'])
    .where(ofSubject(accountId, subject));
  if (options.afterId) query = query.where('id', '>', options.afterId);
  return query.orderBy('id', 'asc').limit(options.limit).execute();
}

/** Full rows, for the export. */
export async function listSubjectMessageRows(
  db: Db,
  accountId: string,
  subject: HashedSubject,
  options: { limit: number; afterId?: string },
): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').selectAll().where(ofSubject(accountId, subject));
  if (options.afterId) query = query.where('id', '>', options.afterId);
  return query.orderBy('id', 'asc').limit(options.limit).execute();
}

/** Rows that hang off the given messages: status events, rendered webhooks, attempts. */
export async function countMessageRows(
  db: WebhookDb,
  accountId: string,
  messageIds: readonly string[],
): Promise<{ events: number; webhookEvents: number; webhookAttempts: number }> {
  if (messageIds.length === 0) return { events: 0, webhookEvents: 0, webhookAttempts: 0 };
  const count = async (table: 'message_events' | 'webhook_events' | 'webhook_attempts') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId)
      .where('message_id', 'in', messageIds)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    events: await count('message_events'),
    webhookEvents: await count('webhook_events'),
    webhookAttempts: await count('webhook_attempts'),
  };
}

/**
 * The webhook events about the end user that name no message (a suppression's), found by the
 * keyed hash they keep.
 */
export async function listSubjectWebhookEventIds(
  db: WebhookDb,
  accountId: string,
  identifierHash: string,
  options: { forUpdate?: boolean } = {},
): Promise<string[]> {
  let query = db
    .selectFrom('webhook_events')
    .select('id')
    .where('account_id', '=', accountId)
    .where('identifier_hash', '=', identifierHash);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.execute()).map((r) => r.id);
}

/** Attempts to deliver the given events. */
export async function countAttemptsOf(
  db: WebhookDb,
  accountId: string,
  eventIds: readonly string[],
): Promise<number> {
  if (eventIds.length === 0) return 0;
  const row = await db
    .selectFrom('webhook_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('event_id', 'in', eventIds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listWebhookEventIds(
  db: WebhookDb,
  accountId: string,
  messageIds: readonly string[],
): Promise<string[]> {
  if (messageIds.length === 0) return [];
  const rows = await db
    .selectFrom('webhook_events')
    .select('id')
    .where('account_id', '=', accountId)
    .where('message_id', 'in', messageIds)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Stored answers to sends (idempotency records) that name the end user: a replay must not
 * bring them back. Only the account's records within their short retention are searched.
 */
export async function listIdempotencyRecordsNaming(
  db: Db,
  accountId: string,
  subject: HashedSubject,
  options: { forUpdate?: boolean } = {},
): Promise<
  Array<Pick<IdempotencyKeyRow, 'key' | 'response_body' | 'response_sealed' | 'identifier_hashes'>>
> {
  const { identifier } = subject;
  let query = db
    .selectFrom('idempotency_keys')
    .select(['key', 'response_body', 'response_sealed', 'identifier_hashes'])
    .where('account_id', '=', accountId)
    .where((eb) =>
      eb.or([
        // Sealed answers say whom they name by keyed hash (ADR 38); older ones are searched.
        sql<boolean>`${subject.hash} = any(identifier_hashes)`,
        ...(identifier === null
          ? []
          : [sql<boolean>`strpos(response_body::text, ${JSON.stringify(identifier)}) > 0`]),
      ]),
    );
  if (options.forUpdate) query = query.forUpdate();
  return query.execute();
}

/** The status history of the given messages, oldest first. */
export async function listEventsOfMessages(
  db: Db,
  accountId: string,
  messageIds: readonly string[],
): Promise<Array<Pick<MessageEventRow, 'message_id' | 'status' | 'error_code' | 'created_at'>>> {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('message_events')
    .select(['message_id', 'status', 'error_code', 'created_at'])
    .where('account_id', '=', accountId)
    .where('message_id', 'in', messageIds)
    .orderBy('id', 'asc')
    .execute();
}
