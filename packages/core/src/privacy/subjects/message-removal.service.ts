import type { Kysely, Transaction } from 'kysely';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import { terminalStatuses } from '../../messages/message-status.js';
import type { Clock } from '../../platform/clock.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { MessageStatus, UsageDatabase } from '../../platform/stores/usage.schema.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import { type WebhookUsageDatabase, webhookAccountDb } from '../../webhooks/webhook.schema.js';
import { listEndpoints } from '../../webhooks/webhook-endpoint.store.js';
import {
  closeWebhookOutbox,
  deleteWebhookRows,
  pseudonymise,
  rewriteIdempotencyRecord,
} from './erasure.store.js';
import { scrubAnswer } from './erasure-scrub.js';
import { erasedIdentifier } from './subject.js';
import { listIdempotencyRecordsNaming } from './subject.store.js';
import { deleteContents } from './subject-content.store.js';
import type { SubjectJobs } from './subject-jobs.js';

/**
 * Handed to the provider, or ended: nothing more goes out. `sent` counts, as most emails and
 * pushes never get further; a delivery receipt that comes later still updates the row.
 */
const removableStatuses: readonly MessageStatus[] = ['sent', ...terminalStatuses];

/** What removing one message took away. */
export type MessageRemoval = {
  messageId: string;
  removedAt: Date;
  /** Its content was in the content store (not no-store, not removed by retention before). */
  content: boolean;
  /** Its recipient (or an inbound one's sender) was still in the clear. */
  identifier: boolean;
  /** Rendered webhook events about it, with their attempts. */
  webhookEvents: number;
};

/**
 * One finished message removed, as an erasure removes a person's (issue 16): its content goes,
 * its identifier becomes the keyed hash, its metadata and status callback go, and so do the
 * webhook events that named it. Its row stays with what billing counts. A message that may
 * still go out is not finished: cancel it first.
 */
export class MessageRemovalService {
  constructor(
    private readonly deps: {
      account: Kysely<AccountDatabase>;
      usage: Kysely<UsageDatabase>;
      content: Kysely<ContentDatabase>;
      hasher: IdentifierHasher;
      jobs: SubjectJobs;
      audit: AuditLog;
      clock: Clock;
    },
  ) {}

  async remove(accountId: string, messageId: string, actor: Actor): Promise<MessageRemoval> {
    const message = await this.deps.usage
      .selectFrom('messages')
      .select(['id', 'channel', 'direction', 'status', 'recipient', 'sender', 'content_stored'])
      .where('account_id', '=', accountId)
      .where('id', '=', messageId)
      .executeTakeFirst();
    if (!message) throw new HeraldError('message_not_found', { param: 'id' });
    if (!removableStatuses.includes(message.status))
      throw new HeraldError('message_not_finished', { param: 'id', reason: message.status });
    const identifier = message.direction === 'outbound' ? message.recipient : message.sender;
    const clear = identifier !== null && !identifier.startsWith('erased:');
    const erased = clear
      ? erasedIdentifier(await this.deps.hasher.hash(accountId, message.channel, identifier))
      : identifier;
    // Content first: once the row is rewritten, nothing would lead back to it.
    const content = (await deleteContents(this.deps.content, accountId, [message.id])) > 0;
    const now = this.deps.clock.now();
    const { eventIds } = await this.deps.usage.transaction().execute(async (tx) => {
      const wtx = tx as unknown as Transaction<WebhookUsageDatabase>;
      await tx
        .selectFrom('messages')
        .select('id')
        .where('id', '=', message.id)
        .forNoKeyUpdate()
        .execute();
      await closeWebhookOutbox(wtx, [message.id], now);
      const webhooks = await deleteWebhookRows(wtx, accountId, [message.id]);
      if (erased !== null) {
        await pseudonymise(wtx, [message.id], erased, now);
        if (clear) await this.scrubIdempotency(tx, accountId, message.id, identifier, erased);
      }
      return webhooks;
    });
    const endpointIds = (await listEndpoints(webhookAccountDb(this.deps.account), accountId)).map(
      (endpoint) => endpoint.id,
    );
    await this.deps.jobs.remove(accountId, { messages: [message], eventIds, endpointIds });
    await this.deps.audit.record({
      accountId,
      actor,
      action: 'message.removed',
      target: { type: 'message', id: message.id },
      details: { content, identifier: clear },
    });
    return {
      messageId: message.id,
      removedAt: now,
      content,
      identifier: clear,
      webhookEvents: eventIds.length,
    };
  }

  /** The stored answers that show this message: only it is scrubbed, not its batch's others. */
  private async scrubIdempotency(
    tx: Transaction<UsageDatabase>,
    accountId: string,
    messageId: string,
    identifier: string,
    erased: string,
  ): Promise<void> {
    const records = await listIdempotencyRecordsNaming(tx, accountId, identifier, {
      forUpdate: true,
    });
    const scrubbed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(scrubbed);
      if (value === null || typeof value !== 'object') return value;
      const object = value as Record<string, unknown>;
      if (object.object === 'message' && object.id === messageId)
        return scrubAnswer(object, identifier, erased);
      return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, scrubbed(v)]));
    };
    for (const record of records)
      await rewriteIdempotencyRecord(
        tx as unknown as Transaction<WebhookUsageDatabase>,
        accountId,
        record.key,
        scrubbed(record.response_body),
      );
  }
}
