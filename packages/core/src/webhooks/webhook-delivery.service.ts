import type { Kysely } from 'kysely';
import { findMessage } from '../messages/message.store.js';
import type { MessageIdentifiers } from '../messages/message-identifiers.js';
import type { Clock } from '../platform/clock.js';
import type { ContentVault } from '../platform/content/content-vault.js';
import type { TransientContentStore } from '../platform/content/transient-content.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import type { WebhookJob } from './webhook.job.js';
import { newWebhookAttemptId, subscribes } from './webhook.js';
import { type WebhookUsageDatabase, webhookUsageDb } from './webhook.schema.js';
import { finishDelivery, recordAttemptOutcome } from './webhook-delivery.store.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';
import { countAttempts } from './webhook-event.store.js';
import type { WebhookRelayService } from './webhook-relay.service.js';
import { signWebhook, type WebhookHeaders } from './webhook-signing.js';

export type WebhookDeliveryDeps = {
  usage: Kysely<UsageDatabase>;
  endpoints: WebhookEndpointService;
  relay: WebhookRelayService;
  vault: ContentVault;
  /** The end user of a message, revealed in memory for the payload (ADR 38). */
  identifiers: MessageIdentifiers;
  /** No-store inbound texts, sealed in Redis until their webhooks are done. */
  transient: TransientContentStore;
  clock: Clock;
};

/** One attempt, ready to send. `url` may carry the customer's own secrets: never log it. */
export type PreparedWebhook = {
  url: string;
  payload: string;
  headers: WebhookHeaders;
  eventType: string;
  messageId: string | null;
};

/** What the endpoint did with one attempt. */
export type WebhookOutcome = {
  statusCode: number | null;
  /** Null on a 2xx; else `http_500`, `timeout`, `redirect_not_followed`, `address_forbidden`… */
  error: string | null;
  durationMs: number;
  retryAfterMs?: number;
};

/**
 * The rules of one delivery attempt (the worker brings HTTP and the queue): find the target
 * and its secrets, add the content in memory, sign, and log the outcome.
 */
export class WebhookDeliveryService {
  private readonly db: Kysely<WebhookUsageDatabase>;
  private readonly clock: Clock;

  constructor(private readonly deps: WebhookDeliveryDeps) {
    this.db = webhookUsageDb(deps.usage);
    this.clock = deps.clock;
  }

  /**
   * 1 for the first try. A delivery queued again from its record continues its count; a
   * redelivery by hand continues the count of its event and target.
   */
  async attemptNumber(job: WebhookJob, attemptsMade: number): Promise<number> {
    if (!job.manual) return (job.priorAttempts ?? 0) + attemptsMade + 1;
    return (await countAttempts(this.db, job.eventId, job.endpointId)) + 1;
  }

  /**
   * Everything one attempt needs, or null when there is nothing to send: the event or the
   * message is gone, the endpoint was deleted, switched off or no longer wants this event.
   */
  async prepare(job: WebhookJob): Promise<PreparedWebhook | null> {
    const event = await this.deps.relay.findOrRender(job.accountId, job.eventId);
    if (!event) return null;
    const target = await this.target(job, event.type, event.message_id);
    if (!target) return null;
    const payload = event.message_id
      ? await this.withPersonalData(event, job.accountId, event.message_id)
      : event.payload;
    return {
      url: target.url,
      payload,
      headers: signWebhook({
        id: event.id,
        timestamp: this.clock.now(),
        payload,
        secrets: target.secrets,
      }),
      eventType: event.type,
      messageId: event.message_id,
    };
  }

  /**
   * Logs an attempt and moves its delivery's record on, in one statement; `nextAttemptAt` is
   * null when no other attempt will follow. `deliveryId` is the job's id.
   */
  async record(
    deliveryId: string,
    job: WebhookJob,
    prepared: PreparedWebhook,
    attempt: number,
    outcome: WebhookOutcome,
    nextAttemptAt: Date | null,
  ): Promise<void> {
    const now = this.clock.now();
    await recordAttemptOutcome(
      this.db,
      {
        id: newWebhookAttemptId(),
        account_id: job.accountId,
        endpoint_id: job.endpointId,
        event_id: job.eventId,
        message_id: prepared.messageId,
        event_type: prepared.eventType,
        attempt,
        status_code: outcome.statusCode,
        error: outcome.error,
        duration_ms: Math.round(outcome.durationMs),
        created_at: now,
        next_attempt_at: nextAttemptAt,
      },
      {
        id: deliveryId,
        account_id: job.accountId,
        message_id: prepared.messageId,
        event_id: job.eventId,
        endpoint_id: job.endpointId,
        manual: job.manual ?? false,
        attempts: attempt,
        next_attempt_at: nextAttemptAt ?? now,
        finished_at: nextAttemptAt ? null : now,
      },
    );
  }

  /** Nothing to send any more (the target or the event went away): the delivery is over. */
  async drop(deliveryId: string): Promise<void> {
    await finishDelivery(this.db, deliveryId, this.clock.now());
  }

  /** The endpoint answered 410 Gone: it is switched off, with the reason. */
  async endpointGone(job: WebhookJob): Promise<void> {
    if (job.endpointId) await this.deps.endpoints.disableGone(job.accountId, job.endpointId);
  }

  private async target(
    job: WebhookJob,
    type: string,
    messageId: string | null,
  ): Promise<{ url: string; secrets: string[] } | null> {
    if (job.endpointId) {
      const found = await this.deps.endpoints.forDelivery(job.accountId, job.endpointId);
      if (!found || found.endpoint.disabled) return null;
      if (!job.manual && !subscribes(found.endpoint, type)) return null;
      return { url: found.endpoint.url, secrets: found.secrets };
    }
    // A status callback is a message's own; an event about no message has none.
    if (!messageId) return null;
    const message = await findMessage(this.deps.usage, job.accountId, messageId);
    if (!message?.status_callback) return null;
    return {
      url: message.status_callback,
      secrets: [await this.deps.endpoints.signingSecret(job.accountId)],
    };
  }

  /**
   * What the frozen payload leaves out, read now and only held in memory: the end user (the
   * stored payload shows them as the row does at rest, sealed) and an inbound message's text.
   * Retries still send the same bytes while the message and its content are kept.
   */
  private async withPersonalData(
    event: { type: string; payload: string },
    accountId: string,
    messageId: string,
  ): Promise<string> {
    const parsed = JSON.parse(event.payload) as {
      data: { message?: { to?: string; from?: string | null }; body?: string };
    };
    const row = await findMessage(this.deps.usage, accountId, messageId);
    const wire = parsed.data.message;
    if (row && wire) {
      const revealed = await this.deps.identifiers.reveal(row);
      if (revealed.direction === 'outbound' && revealed.recipient) wire.to = revealed.recipient;
      if (revealed.direction === 'inbound') wire.from = revealed.sender;
    }
    if (event.type === 'message.received') {
      // Stored content, or (no-store mode) the sealed copy that waits in Redis for the webhooks.
      const content =
        (await this.deps.vault.read(accountId, messageId)) ??
        (await this.deps.transient.get(accountId, messageId)) ??
        null;
      if (content && 'body' in content) parsed.data.body = content.body;
    }
    return JSON.stringify(parsed);
  }
}
