import type { Transaction } from 'kysely';
import type { MessageRow } from '../platform/stores/usage.schema.js';
import type {
  WebhookAttemptRow,
  WebhookEventRow,
  WebhookUsageDatabase,
  WebhookUsageDb,
} from './webhook.schema.js';

/** Usage store SQL for the webhook relay, the rendered events and the attempt log. */

export type PendingEvent = {
  id: string;
  message_id: string;
  account_id: string;
  status: MessageRow['status'];
  error_code: string | null;
  created_at: Date;
};

const eventColumns = [
  'id',
  'message_id',
  'account_id',
  'status',
  'error_code',
  'created_at',
] as const;

/**
 * Locks a batch of events not yet relayed. `skip locked` lets relays in several workers share
 * the work; a row committed late (a lower id after a higher one) is simply found next time.
 */
export async function claimPendingEvents(
  tx: Transaction<WebhookUsageDatabase>,
  limit: number,
): Promise<PendingEvent[]> {
  return tx
    .selectFrom('message_events')
    .select(eventColumns)
    .where('webhook_relayed_at', 'is', null)
    .where('status', '<>', 'queued')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markRelayed(
  tx: Transaction<WebhookUsageDatabase>,
  ids: readonly string[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('message_events')
    .set({ webhook_relayed_at: at })
    .where('id', 'in', ids)
    .execute();
}

export async function findMessageEvent(
  db: WebhookUsageDb,
  accountId: string,
  rowId: string,
): Promise<PendingEvent | undefined> {
  return db
    .selectFrom('message_events')
    .select(eventColumns)
    .where('id', '=', rowId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function findMessagesByIds(
  db: WebhookUsageDb,
  ids: readonly string[],
): Promise<MessageRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('messages').selectAll().where('id', 'in', ids).execute();
}

/** A rendered event is written once: a second rendering (a relay re-run) keeps the first. */
export async function insertWebhookEvents(
  db: WebhookUsageDb,
  rows: readonly WebhookEventRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('webhook_events')
    .values([...rows])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function findWebhookEvent(
  db: WebhookUsageDb,
  accountId: string,
  id: string,
): Promise<WebhookEventRow | undefined> {
  return db
    .selectFrom('webhook_events')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Newest first; `beforeId` is the cursor. */
export async function listAttempts(
  db: WebhookUsageDb,
  accountId: string,
  endpointId: string,
  options: { limit: number; beforeId?: string },
): Promise<WebhookAttemptRow[]> {
  let query = db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .where('account_id', '=', accountId);
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}

/** Attempts already made for an event to one target (an endpoint, or null for the callback). */
export async function countAttempts(
  db: WebhookUsageDb,
  eventId: string,
  endpointId: string | null,
): Promise<number> {
  const row = await db
    .selectFrom('webhook_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('event_id', '=', eventId)
    .where('endpoint_id', endpointId === null ? 'is' : '=', endpointId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
