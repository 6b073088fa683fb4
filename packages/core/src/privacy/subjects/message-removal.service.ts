import type { Kysely, Transaction } from 'kysely';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import { IdempotentAnswers } from '../../messages/idempotent-answers.js';
import {
  type MessageIdentifiers,
  sealedIdentifierColumns,
} from '../../messages/message-identifiers.js';
import { terminalStatuses } from '../../messages/message-status.js';
import type { Clock } from '../../platform/clock.js';
import type { ContentVault } from '../../platform/content/content-vault.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { MessageStatus, UsageDatabase } from '../../platform/stores/usage.schema.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import { type WebhookUsageDatabase, webhookAccountDb } from '../../webhooks/webhook.schema.js';
import { listEndpoints } from '../../webhooks/webhook-endpoint.store.js';
import { closeWebhookOutbox, deleteWebhookRows, pseudonymise } from './erasure.store.js';
import { scrubAnswer } from './erasure-scrub.js';
import { rewriteAnswersNaming } from './idempotency-scrub.js';
import { erasedIdentifier } from './subject.js';
import type { HashedSubject } from './subject.store.js';
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
      vault: ContentVault;
      identifiers: MessageIdentifiers;
      jobs: SubjectJobs;
      audit: AuditLog;
      clock: Clock;
    },
  ) {
    this.answers = new IdempotentAnswers(deps.vault);
  }

  private readonly answers: IdempotentAnswers;

  async remove(accountId: string, messageId: string, actor: Actor): Promise<MessageRemoval> {
    const found = await this.deps.usage
      .selectFrom('messages')
      .select([...sealedIdentifierColumns, 'channel', 'status', 'content_stored'])
      .where('account_id', '=', accountId)
      .where('id', '=', messageId)
      .executeTakeFirst();
    if (!found) throw new HeraldError('message_not_found', { param: 'id' });
    if (!removableStatuses.includes(found.status))
      throw new HeraldError('message_not_finished', { param: 'id', reason: found.status });
    const message = await this.deps.identifiers.reveal(found);
    const identifier = message.direction === 'outbound' ? message.recipient : message.sender;
    // Still the person's (sealed, or clear in a row from before sealing), not already a hash.
    const clear =
      identifier !== null &&
      !identifier.startsWith('erased:') &&
      !identifier.startsWith('anonymous:');
    const hash = clear
      ? (message.identifier_hash ??
        (await this.deps.hasher.hash(accountId, message.channel, identifier)))
      : null;
    const erased = hash !== null ? erasedIdentifier(hash) : identifier;
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
        if (clear && hash !== null)
          await this.scrubIdempotency(
            tx,
            accountId,
            message.id,
            { channel: message.channel, identifier, hash },
            erased,
          );
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
    subject: HashedSubject & { identifier: string },
    erased: string,
  ): Promise<void> {
    const scrubbed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(scrubbed);
      if (value === null || typeof value !== 'object') return value;
      const object = value as Record<string, unknown>;
      if (object.object === 'message' && object.id === messageId)
        return scrubAnswer(object, subject.identifier, erased);
      return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, scrubbed(v)]));
    };
    await rewriteAnswersNaming(tx, this.answers, accountId, subject, scrubbed, { forget: false });
  }
}
