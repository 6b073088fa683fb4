import type { Kysely, Transaction } from 'kysely';
import { IdempotentAnswers } from '../../messages/idempotent-answers.js';
import type { Clock } from '../../platform/clock.js';
import type { ContentVault } from '../../platform/content/content-vault.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { ChannelName, UsageDatabase } from '../../platform/stores/usage.schema.js';
import { erasePreferences } from '../../preferences/preference.store.js';
import type { PersonWebhooks } from '../../webhooks/person-webhooks.js';
import type { WebhookJob } from '../../webhooks/webhook.job.js';
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
} from './erasure.store.js';
import { scrubAnswer } from './erasure-scrub.js';
import { rewriteAnswersNaming } from './idempotency-scrub.js';
import { PROVIDERS_THAT_DELETE, type Propagation, propagationOf } from './propagation.js';
import { insertProviderErasures } from './provider-erasure.store.js';
import { ERASED_MASK, erasedIdentifier } from './subject.js';
import { type HashedSubject, listSubjectMessages } from './subject.store.js';
import { deleteContents, deleteSubjectExports } from './subject-content.store.js';
import type { SubjectJobs } from './subject-jobs.js';

export type SubjectEraserDeps = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  content: Kysely<ContentDatabase>;
  /** Opens and seals again the idempotent answers that name them (ADR 38). */
  vault: ContentVault;
  /** Their jobs in Redis; a replay without Redis removes none (the workers skip erased rows). */
  jobs: Pick<SubjectJobs, 'remove'>;
  clock: Clock;
  /** `subject.erased` to the organisation's endpoints; a replay tells nobody again. */
  events?: PersonWebhooks;
  /** Messages per step; each step is one content delete and one usage transaction. */
  batchSize?: number;
};

/** One end user to erase: by identifier, or by keyed hash alone when it is not known any more. */
export type ErasureTarget = {
  accountId: string;
  channel: ChannelName;
  /** Null when only the hash is known (a replay that found no row naming them). */
  identifier: string | null;
  hash: string;
  /** The receipt the providers' deletions are recorded under. */
  erasureId: string;
};

export type ErasureOutcome = {
  counts: Record<string, number>;
  propagation: Propagation[];
  /** Messages whose provider was asked to delete its copy (rows new to `provider_erasures`). */
  providerDeletions: number;
};

/**
 * The work of an erasure, in every store and queue (ErasureService answers the request and
 * signs; ErasureReplay runs it again after a restore). Bounded per step, not per person: their
 * messages are taken in steps of `batchSize` (500), each its own content delete, usage
 * transaction and queue clean-up, so no transaction grows with the person's history and an
 * interrupted erasure is finished by asking again (rewritten rows no longer match). Per step,
 * content goes first: once the usage rows are rewritten, nothing would lead back to it.
 */
export class SubjectEraser {
  private readonly batchSize: number;

  private readonly answers: IdempotentAnswers;

  constructor(private readonly deps: SubjectEraserDeps) {
    this.batchSize = deps.batchSize ?? 500;
    this.answers = new IdempotentAnswers(deps.vault);
  }

  async erase(target: ErasureTarget): Promise<ErasureOutcome> {
    const { accountId, hash, erasureId } = target;
    const counts = emptyCounts();
    const byProvider = new Map<string, number>();
    let providerDeletions = 0;
    const endpointIds = (await listEndpoints(webhookAccountDb(this.deps.account), accountId)).map(
      (endpoint) => endpoint.id,
    );
    // Found by keyed hash (ADR 38), and by the identifier in rows from before it was sealed.
    const subject: HashedSubject = { channel: target.channel, identifier: target.identifier, hash };
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
        const now = this.deps.clock.now();
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
        await pseudonymise(wtx, lockedIds, erasedIdentifier(hash), now);
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
    const key = { accountId, channel: target.channel, hash };
    const lastStep = await this.deps.usage.transaction().execute(async (tx) => {
      const wtx = tx as unknown as Transaction<WebhookUsageDatabase>;
      // Known only by hash (a replay that found no row), an answer naming them is emptied.
      const { identifier } = target;
      counts['usage.idempotency_responses'] = await rewriteAnswersNaming(
        tx,
        this.answers,
        accountId,
        subject,
        (body) =>
          identifier === null ? null : scrubAnswer(body, identifier, erasedIdentifier(hash)),
        { forget: true },
      );
      // Someone who asked not to be contacted keeps only the keyed hash that keeps it so.
      counts['usage.suppression'] = await anonymiseSuppression(wtx, key, ERASED_MASK);
      // Their consent history goes; an opt-out stays, by keyed hash, as the suppression does.
      counts['usage.preferences'] = await erasePreferences(tx, key);
      // The webhooks that told of their suppression carried its masked form: they go too.
      const deleted = await deleteSubjectWebhookEvents(wtx, accountId, hash);
      counts['usage.webhook_events']! += deleted.eventIds.length;
      counts['usage.webhook_attempts']! += deleted.attempts;
      const told = await this.tell(tx, target, counts);
      return { deleted, told };
    });
    counts['queue.webhook_jobs']! += (
      await this.deps.jobs.remove(accountId, {
        messages: [],
        eventIds: lastStep.deleted.eventIds,
        endpointIds,
      })
    ).webhooks;
    if (this.deps.events) await this.deps.events.enqueue(lastStep.told);
    return {
      counts,
      propagation: propagationOf(byProvider, lastStep.told.length),
      providerDeletions,
    };
  }

  /** The organisation is told, by keyed hash and counts: never the identifier. */
  private async tell(
    tx: Transaction<UsageDatabase>,
    target: ErasureTarget,
    counts: Record<string, number>,
  ): Promise<WebhookJob[]> {
    if (!this.deps.events) return [];
    return this.deps.events.recordAbout(tx, {
      accountId: target.accountId,
      identifierHash: null,
      type: 'subject.erased',
      data: {
        subject: {
          channel: target.channel,
          identifier_hash: target.hash,
          erasure_id: target.erasureId,
          counts: { ...counts },
        },
      },
    });
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
