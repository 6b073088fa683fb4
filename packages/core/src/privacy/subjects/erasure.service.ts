import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../audit/audit-log.js';
import type { Clock } from '../../platform/clock.js';
import { canonicalJson } from '../../platform/crypto/canonical-json.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import type { BestEffort } from '../../platform/observability/best-effort.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { ChannelName, UsageDatabase } from '../../platform/stores/usage.schema.js';
import { erasePreferences } from '../../preferences/preference.store.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import type { PersonWebhooks } from '../../webhooks/person-webhooks.js';
import { type WebhookUsageDatabase, webhookAccountDb } from '../../webhooks/webhook.schema.js';
import { listEndpoints } from '../../webhooks/webhook-endpoint.store.js';
import {
  anonymiseSuppression,
  cancelWaiting,
  closeWebhookOutbox,
  deleteSubjectWebhookEvents,
  deleteWebhookRows,
  lockSubjectMessages,
  pseudonymise,
  rewriteIdempotencyRecord,
} from './erasure.store.js';
import {
  type ErasureReceipt,
  findErasureReceipt,
  insertErasureReceipt,
} from './erasure-receipt.store.js';
import { scrubAnswer } from './erasure-scrub.js';
import type { PrivacyRequestLog } from './privacy-request.service.js';
import { PROVIDERS_THAT_DELETE, type Propagation, propagationOf } from './propagation.js';
import {
  insertProviderErasures,
  type ProviderDeletionProgress,
  providerDeletionProgress,
} from './provider-erasure.store.js';
import type { ReceiptSigner } from './receipt-signer.js';
import {
  ERASED_MASK,
  erasedIdentifier,
  newPrivacyId,
  resolveSubject,
  type SubjectRef,
} from './subject.js';
import { listIdempotencyRecordsNaming, listSubjectMessages } from './subject.store.js';
import { deleteContents, deleteSubjectExports } from './subject-content.store.js';
import type { SubjectJobs } from './subject-jobs.js';

/** A receipt, with how far the deletions it asked of providers have got (not signed: it moves). */
export type ErasureReceiptView = ErasureReceipt & { providerDeletions: ProviderDeletionProgress };

export type ErasureDeps = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  content: Kysely<ContentDatabase>;
  hasher: IdentifierHasher;
  signer: ReceiptSigner;
  requests: PrivacyRequestLog;
  jobs: SubjectJobs;
  clock: Clock;
  /** `subject.erased` to the organisation's webhook endpoints. */
  events: PersonWebhooks;
  /** Asks the worker to delete the providers' copies an erasure recorded (ADR 35). */
  providerDeletions: { request(job: { accountId: string; erasureId: string }): Promise<void> };
  /** Told when a failed erasure cannot be marked failed in the register of requests. */
  bestEffort: BestEffort;
  /** Messages per step; each step is one content delete and one usage transaction. */
  batchSize?: number;
};

/**
 * Erasure of one end user of one organisation, answered synchronously with a signed receipt.
 * The work is bounded per step, not per person: their messages are taken in steps of
 * `batchSize` (500), each its own content delete, usage transaction and queue clean-up, so no
 * transaction grows with the person's history and an interrupted erasure is finished by
 * asking again (rewritten rows no longer match). Per step, content goes first: once the usage
 * rows are rewritten, nothing would lead back to it.
 */
export class ErasureService {
  private readonly clock: Clock;
  private readonly batchSize: number;

  constructor(private readonly deps: ErasureDeps) {
    this.clock = deps.clock;
    this.batchSize = deps.batchSize ?? 500;
  }

  async erase(
    accountId: string,
    request: { identifier: string; channel?: ChannelName },
    actor: Actor,
  ): Promise<ErasureReceiptView> {
    const subject = resolveSubject(request.identifier, request.channel);
    const hash = await this.deps.hasher.hash(accountId, subject.channel, subject.identifier);
    const opened = await this.deps.requests.open({
      accountId,
      kind: 'erasure',
      channel: subject.channel,
      identifierHash: hash,
      actor,
      status: 'pending',
    });
    // The receipt's id is known from the start: the providers' deletions are recorded under it.
    const erasureId = newPrivacyId('era');
    try {
      const erased = await this.eraseEverywhere(accountId, subject, hash, erasureId);
      const receipt = await this.sign({
        id: erasureId,
        accountId,
        privacyRequestId: opened.id,
        channel: subject.channel,
        identifierHash: hash,
        ...erased,
      });
      await insertErasureReceipt(this.deps.account, receipt);
      await this.deps.requests.settle(accountId, opened.id, 'completed');
      if (erased.providerDeletions > 0)
        await this.deps.bestEffort.attempt(
          'provider_erasure_enqueue',
          this.deps.providerDeletions.request({ accountId, erasureId }),
          { accountId, erasureId },
        );
      return this.withProgress(receipt);
    } catch (error) {
      // The caller gets the erasure's own error; the register's failure is reported.
      await this.deps.bestEffort.attempt(
        'privacy_request_settle',
        this.deps.requests.settle(accountId, opened.id, 'failed'),
        { accountId, privacyRequestId: opened.id },
      );
      throw error;
    }
  }

  async receipt(accountId: string, id: string): Promise<ErasureReceiptView> {
    const receipt = await findErasureReceipt(this.deps.account, accountId, id);
    if (!receipt) throw new HeraldError('subject_erasure_not_found', { param: 'erasure_id' });
    return this.withProgress(receipt);
  }

  private async withProgress(receipt: ErasureReceipt): Promise<ErasureReceiptView> {
    return {
      ...receipt,
      providerDeletions: await providerDeletionProgress(
        this.deps.usage,
        receipt.accountId,
        receipt.id,
      ),
    };
  }

  private async eraseEverywhere(
    accountId: string,
    subject: SubjectRef,
    hash: string,
    erasureId: string,
  ): Promise<{
    counts: Record<string, number>;
    propagation: Propagation[];
    providerDeletions: number;
  }> {
    const counts = emptyCounts();
    const byProvider = new Map<string, number>();
    let providerDeletions = 0;
    const erased = erasedIdentifier(hash);
    const endpointIds = (await listEndpoints(webhookAccountDb(this.deps.account), accountId)).map(
      (endpoint) => endpoint.id,
    );
    let afterId: string | undefined;
    for (;;) {
      const batch = await listSubjectMessages(this.deps.usage, accountId, subject, {
        limit: this.batchSize,
        afterId,
      });
      if (batch.length === 0) break;
      afterId = batch.at(-1)!.id;
      const ids = batch.map((m) => m.id);
      counts['content.message_contents']! += await deleteContents(
        this.deps.content,
        accountId,
        ids,
      );
      const step = await this.deps.usage.transaction().execute(async (tx) => {
        const now = this.clock.now();
        const locked = await lockSubjectMessages(tx, accountId, subject, ids);
        const lockedIds = locked.map((m) => m.id);
        // The webhook tables and the relay's column live beside the webhook feature's schema.
        const wtx = tx as unknown as Transaction<WebhookUsageDatabase>;
        const canceled = await cancelWaiting(wtx, lockedIds, now);
        await closeWebhookOutbox(wtx, lockedIds, now);
        const webhooks = await deleteWebhookRows(wtx, accountId, lockedIds);
        const deletions = await insertProviderErasures(tx, {
          accountId,
          erasureId,
          messages: locked.flatMap((m) =>
            m.provider && m.provider_message_id && PROVIDERS_THAT_DELETE.has(m.provider)
              ? [{ provider: m.provider, providerMessageId: m.provider_message_id }]
              : [],
          ),
          at: now,
        });
        await pseudonymise(wtx, lockedIds, erased, now);
        return { locked, canceled, deletions, ...webhooks };
      });
      for (const message of step.locked)
        if (message.provider)
          byProvider.set(message.provider, (byProvider.get(message.provider) ?? 0) + 1);
      providerDeletions += step.deletions;
      const removed = await this.deps.jobs.remove(accountId, {
        messages: step.locked,
        eventIds: step.eventIds,
        endpointIds,
      });
      counts['usage.messages_sent']! += step.locked.filter(
        (m) => m.direction === 'outbound',
      ).length;
      counts['usage.messages_received']! += step.locked.filter(
        (m) => m.direction === 'inbound',
      ).length;
      counts['usage.messages_canceled']! += step.canceled;
      counts['usage.webhook_events']! += step.eventIds.length;
      counts['usage.webhook_attempts']! += step.attempts;
      counts['queue.dispatch_jobs']! += removed.dispatch;
      counts['queue.webhook_jobs']! += removed.webhooks;
    }
    counts['content.subject_exports'] = await deleteSubjectExports(
      this.deps.content,
      accountId,
      hash,
    );
    const key = { accountId, channel: subject.channel, hash };
    const lastStep = await this.deps.usage.transaction().execute(async (tx) => {
      const wtx = tx as unknown as Transaction<WebhookUsageDatabase>;
      const records = await listIdempotencyRecordsNaming(tx, accountId, subject.identifier, {
        forUpdate: true,
      });
      for (const record of records)
        await rewriteIdempotencyRecord(
          wtx,
          accountId,
          record.key,
          scrubAnswer(record.response_body, subject.identifier, erased),
        );
      counts['usage.idempotency_responses'] = records.length;
      // Someone who asked not to be contacted keeps only the keyed hash that keeps it so.
      counts['usage.suppression'] = await anonymiseSuppression(wtx, key, ERASED_MASK);
      // Their consent history goes; an opt-out stays, by keyed hash, as the suppression does.
      counts['usage.preferences'] = await erasePreferences(tx, key);
      // The webhooks that told of their suppression carried its masked form: they go too.
      const deleted = await deleteSubjectWebhookEvents(wtx, accountId, hash);
      // Then the organisation is told, by keyed hash and counts: never the identifier.
      const told = await this.deps.events.recordAbout(tx, {
        accountId,
        identifierHash: null,
        type: 'subject.erased',
        data: {
          subject: {
            channel: subject.channel,
            identifier_hash: hash,
            erasure_id: erasureId,
            counts: {
              ...counts,
              'usage.webhook_events': counts['usage.webhook_events']! + deleted.eventIds.length,
              'usage.webhook_attempts': counts['usage.webhook_attempts']! + deleted.attempts,
            },
          },
        },
      });
      return { deleted, told };
    });
    counts['usage.webhook_events']! += lastStep.deleted.eventIds.length;
    counts['usage.webhook_attempts']! += lastStep.deleted.attempts;
    counts['queue.webhook_jobs']! += (
      await this.deps.jobs.remove(accountId, {
        messages: [],
        eventIds: lastStep.deleted.eventIds,
        endpointIds,
      })
    ).webhooks;
    await this.deps.events.enqueue(lastStep.told);
    return {
      counts,
      propagation: propagationOf(byProvider, lastStep.told.length),
      providerDeletions,
    };
  }

  private async sign(
    unsigned: Omit<ErasureReceipt, 'completedAt' | 'signedPayload' | 'signature'>,
  ): Promise<ErasureReceipt> {
    const completedAt = this.clock.now();
    // Version 2 adds `propagation`: who else was asked to delete, or why they could not be.
    const signedPayload = canonicalJson({
      object: 'erasure_receipt',
      version: 2,
      id: unsigned.id,
      account_id: unsigned.accountId,
      privacy_request_id: unsigned.privacyRequestId,
      channel: unsigned.channel,
      identifier_hash: unsigned.identifierHash,
      counts: unsigned.counts,
      propagation: unsigned.propagation,
      completed_at: completedAt.toISOString(),
    });
    return {
      ...unsigned,
      completedAt,
      signedPayload,
      signature: await this.deps.signer.sign(signedPayload),
    };
  }
}

/** Every category, zero until counted, so a receipt always shows the same keys. */
function emptyCounts(): Record<string, number> {
  return {
    'content.message_contents': 0,
    'content.subject_exports': 0,
    'usage.messages_sent': 0,
    'usage.messages_received': 0,
    'usage.messages_canceled': 0,
    'usage.webhook_events': 0,
    'usage.webhook_attempts': 0,
    'usage.idempotency_responses': 0,
    'usage.suppression': 0,
    'usage.preferences': 0,
    'queue.dispatch_jobs': 0,
    'queue.webhook_jobs': 0,
  };
}
