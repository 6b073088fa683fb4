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

export type ErasureDeps = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  content: Kysely<ContentDatabase>;
  hasher: IdentifierHasher;
  signer: ReceiptSigner;
  requests: PrivacyRequestLog;
  jobs: SubjectJobs;
  clock: Clock;
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
  ): Promise<ErasureReceipt> {
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
    try {
      const counts = await this.eraseEverywhere(accountId, subject, hash);
      const receipt = await this.sign(accountId, opened.id, subject.channel, hash, counts);
      await insertErasureReceipt(this.deps.account, receipt);
      await this.deps.requests.settle(accountId, opened.id, 'completed');
      return receipt;
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

  async receipt(accountId: string, id: string): Promise<ErasureReceipt> {
    const receipt = await findErasureReceipt(this.deps.account, accountId, id);
    if (!receipt) throw new HeraldError('subject_erasure_not_found', { param: 'erasure_id' });
    return receipt;
  }

  private async eraseEverywhere(
    accountId: string,
    subject: SubjectRef,
    hash: string,
  ): Promise<Record<string, number>> {
    const counts = emptyCounts();
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
        await pseudonymise(wtx, lockedIds, erased, now);
        return { locked, canceled, ...webhooks };
      });
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
    const key = { accountId, channel: subject.channel, hash };
    const suppressionEvents = await this.deps.usage.transaction().execute(async (tx) => {
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
      return deleteSubjectWebhookEvents(wtx, accountId, hash);
    });
    counts['usage.webhook_events']! += suppressionEvents.eventIds.length;
    counts['usage.webhook_attempts']! += suppressionEvents.attempts;
    counts['queue.webhook_jobs']! += (
      await this.deps.jobs.remove(accountId, {
        messages: [],
        eventIds: suppressionEvents.eventIds,
        endpointIds,
      })
    ).webhooks;
    counts['content.subject_exports'] = await deleteSubjectExports(
      this.deps.content,
      accountId,
      hash,
    );
    return counts;
  }

  private async sign(
    accountId: string,
    privacyRequestId: string,
    channel: ChannelName,
    identifierHash: string,
    counts: Record<string, number>,
  ): Promise<ErasureReceipt> {
    const id = newPrivacyId('era');
    const completedAt = this.clock.now();
    const signedPayload = canonicalJson({
      object: 'erasure_receipt',
      version: 1,
      id,
      account_id: accountId,
      privacy_request_id: privacyRequestId,
      channel,
      identifier_hash: identifierHash,
      counts,
      completed_at: completedAt.toISOString(),
    });
    return {
      id,
      accountId,
      privacyRequestId,
      channel,
      identifierHash,
      counts,
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
