import { sql, type Transaction } from 'kysely';
import type { SealedAnswer } from '../../messages/idempotent-answers.js';
import { cancelableStatuses } from '../../messages/message-status.js';
import type { ChannelName, MessageRow, UsageDatabase } from '../../platform/stores/usage.schema.js';
import type { WebhookUsageDatabase } from '../../webhooks/webhook.schema.js';
import {
  type HashedSubject,
  listSubjectWebhookEventIds,
  ofSubject,
  type SubjectMessage,
} from './subject.store.js';

/* Usage store SQL of an erasure, each in the erasure's transaction. */

type Tx = Transaction<WebhookUsageDatabase>;

/** A message of the end user's, locked for rewriting, with the provider that holds a copy. */
export type LockedSubjectMessage = SubjectMessage &
  Pick<MessageRow, 'provider' | 'provider_message_id'>;

/**
 * Locks the given messages that still belong to the end user, so no status change (the worker,
 * a delivery receipt) interleaves with their rewriting. `no key update`: the webhook relay's
 * inserts take a key-share lock on the message (their foreign key) while holding the events
 * this erasure waits for next; a full `for update` would deadlock with it.
 */
export async function lockSubjectMessages(
  tx: Transaction<UsageDatabase>,
  accountId: string,
  subject: HashedSubject,
  ids: readonly string[],
): Promise<LockedSubjectMessage[]> {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('messages')
    .select([
      'id',
      'channel',
      'direction',
      'status',
      'content_stored',
      'provider',
      'provider_message_id',
    ])
    .where(ofSubject(accountId, subject))
    .where('id', 'in', ids)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
}

/**
 * Messages not yet handed to a provider end `canceled`: their jobs are about to be removed, and
 * the reconciler must not enqueue them again. The event is born relayed: no webhook about an
 * erased person is rendered after the erasure.
 */
export async function cancelWaiting(tx: Tx, ids: readonly string[], at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const canceled = await tx
    .updateTable('messages')
    .set({
      status: 'canceled',
      error_message: 'The recipient was erased before the message was sent.',
      updated_at: at,
    })
    .where('id', 'in', ids)
    .where('status', 'in', cancelableStatuses)
    .returning(['id', 'account_id'])
    .execute();
  if (canceled.length > 0)
    await tx
      .insertInto('message_events')
      .values(
        canceled.map((m) => ({
          message_id: m.id,
          account_id: m.account_id,
          status: 'canceled' as const,
          error_code: null,
          created_at: at,
          webhook_relayed_at: at,
        })),
      )
      .execute();
  return canceled.length;
}

/**
 * Events the relay has not turned into webhooks yet never will be: their rendering would carry
 * the identifier. Waits for a relay that holds them, so what it rendered is deleted next.
 */
export async function closeWebhookOutbox(tx: Tx, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('message_events')
    .set({ webhook_relayed_at: at })
    .where('message_id', 'in', ids)
    .where('webhook_relayed_at', 'is', null)
    .execute();
}

/** Rendered events (their payloads name the recipient) and their attempts; event ids returned. */
export async function deleteWebhookRows(
  tx: Tx,
  accountId: string,
  ids: readonly string[],
): Promise<{ eventIds: string[]; attempts: number }> {
  if (ids.length === 0) return { eventIds: [], attempts: 0 };
  const attempts = await deleteDeliveriesAndAttempts(tx, accountId, 'message_id', ids);
  const events = await tx
    .deleteFrom('webhook_events')
    .where('account_id', '=', accountId)
    .where('message_id', 'in', ids)
    .returning('id')
    .execute();
  return { eventIds: events.map((e) => e.id), attempts };
}

/** The deliveries and attempts of some messages' or events' webhooks; answers the attempts. */
async function deleteDeliveriesAndAttempts(
  tx: Tx,
  accountId: string,
  by: 'message_id' | 'event_id',
  ids: readonly string[],
): Promise<number> {
  // Ids only, but a delivery still on record would be queued again after Redis lost its job.
  await tx
    .deleteFrom('webhook_deliveries')
    .where('account_id', '=', accountId)
    .where(by, 'in', ids)
    .execute();
  const attempts = await tx
    .deleteFrom('webhook_attempts')
    .where('account_id', '=', accountId)
    .where(by, 'in', ids)
    .executeTakeFirst();
  return Number(attempts.numDeletedRows);
}

/**
 * The webhook events about the end user that name no message (a suppression's: its masked
 * identifier), with their deliveries and attempts; their ids returned, for their jobs.
 */
export async function deleteSubjectWebhookEvents(
  tx: Tx,
  accountId: string,
  identifierHash: string,
): Promise<{ eventIds: string[]; attempts: number }> {
  const eventIds = await listSubjectWebhookEventIds(tx, accountId, identifierHash, {
    forUpdate: true,
  });
  if (eventIds.length === 0) return { eventIds, attempts: 0 };
  const attempts = await deleteDeliveriesAndAttempts(tx, accountId, 'event_id', eventIds);
  await tx.deleteFrom('webhook_events').where('id', 'in', eventIds).execute();
  return { eventIds, attempts };
}

/**
 * The identifier becomes its keyed hash in the rows; metadata and the status callback URL go
 * (either may carry personal data). Ids, channel, direction, status, provider ids, segments and
 * timestamps stay: what billing and the account's statistics count.
 */
export async function pseudonymise(
  tx: Tx,
  ids: readonly string[],
  erased: string,
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('messages')
    .set({
      recipient: sql<string>`case when direction = 'outbound' then ${erased} else recipient end`,
      sender: sql<string>`case when direction = 'inbound' then ${erased} else sender end`,
      // The sealed identifier goes; so does the look-up hash, so a finished row no longer matches.
      identifier_sealed: null,
      identifier_hash: null,
      metadata: '{}',
      status_callback: null,
      updated_at: at,
    })
    .where('id', 'in', ids)
    .execute();
}

export async function rewriteIdempotencyRecord(
  tx: Tx,
  accountId: string,
  key: string,
  answer: SealedAnswer,
): Promise<void> {
  await tx
    .updateTable('idempotency_keys')
    .set(answer)
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .execute();
}

/** Keeps the suppression (its keyed hash still refuses sends) without its masked form. */
export async function anonymiseSuppression(
  tx: Tx,
  key: { accountId: string; channel: ChannelName; hash: string },
  mask: string,
): Promise<number> {
  const rows = await tx
    .updateTable('suppressions')
    .set({ identifier_masked: mask })
    .where('account_id', '=', key.accountId)
    .where('channel', '=', key.channel)
    .where('identifier_hash', '=', key.hash)
    .returning('id')
    .execute();
  return rows.length;
}
