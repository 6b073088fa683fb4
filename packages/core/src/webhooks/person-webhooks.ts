import type { Transaction } from 'kysely';
import type { Clock } from '../platform/clock.js';
import { newId } from '../platform/ids.js';
import type { BestEffort } from '../platform/observability/best-effort.js';
import type { SuppressionRow, UsageDatabase } from '../platform/stores/usage.schema.js';
import { toSuppression } from '../suppressions/suppression.js';
import { presentSuppression } from '../suppressions/suppression.wire.js';
import {
  enqueueWebhookDeliveries,
  type WebhookJob,
  type WebhookQueue,
  webhookJobId,
} from './webhook.job.js';
import { subscribes, type WebhookEventType } from './webhook.js';
import type { WebhookUsageDatabase } from './webhook.schema.js';
import { insertDeliveries } from './webhook-delivery.store.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';
import { insertWebhookEvents } from './webhook-event.store.js';

export type SuppressionEventType = Extract<WebhookEventType, `suppression.${string}`>;

/** An event about an end user that names no message, keyed by their identifier's hash. */
export type PersonEvent = {
  accountId: string;
  /**
   * The row's keyed hash, so an erasure of the person deletes the event. Null for `subject.*`
   * events: they say only what the receipt and the register of requests already keep (the hash),
   * and are the record that the organisation was told, so they are not the person's data to erase.
   */
  identifierHash: string | null;
  type: Extract<
    WebhookEventType,
    `suppression.${string}` | `subject.${string}` | 'preference.updated'
  >;
  data: Record<string, unknown>;
};

/**
 * Events about an end user rather than a message (issues 16 and 17): `suppression.created`,
 * `suppression.deleted` and `preference.updated`, so an organisation can mirror opt-outs in
 * its own systems, and `subject.erased`, `subject.restricted` and `subject.restriction_lifted`,
 * so it can do the same with its own copies (named by keyed hash only). Rendered in the transaction that changed the list, with one
 * delivery record per endpoint that subscribes and their jobs queued before the commit, as the
 * relay does for messages: a Redis that loses the jobs loses nothing (ADR 19). The identifier
 * is masked, as the API shows it; the keyed hash stays in the row, so an erasure of the person
 * deletes the event too. Nothing is written when no endpoint listens.
 */
export class PersonWebhooks {
  constructor(
    private readonly deps: {
      endpoints: WebhookEndpointService;
      queue: WebhookQueue;
      clock: Clock;
      /** Told when queueing after the commit fails (the queue repair queues it later). */
      bestEffort?: BestEffort;
    },
  ) {}

  /** A suppression list entry added or removed; `enqueue` what it returns after the commit. */
  record(
    tx: Transaction<UsageDatabase>,
    type: SuppressionEventType,
    row: SuppressionRow,
  ): Promise<WebhookJob[]> {
    return this.recordAbout(tx, {
      accountId: row.account_id,
      identifierHash: row.identifier_hash,
      type,
      data: { suppression: presentSuppression(toSuppression(row)) },
    });
  }

  /**
   * Writes the event and its delivery records in the caller's transaction, and returns the
   * jobs to `enqueue` once it commits. Not before: the event is a row of its own (a message's
   * is rendered from its status row), and a worker that took the job before the commit would
   * find no event and drop the delivery.
   */
  async recordAbout(tx: Transaction<UsageDatabase>, event: PersonEvent): Promise<WebhookJob[]> {
    const { type, accountId } = event;
    const endpoints = (await this.deps.endpoints.activeFor([accountId])).filter((endpoint) =>
      subscribes(endpoint, type),
    );
    if (endpoints.length === 0) return [];
    const now = this.deps.clock.now();
    const id = newId('evt');
    const payload = JSON.stringify({ id, type, created_at: now.toISOString(), data: event.data });
    const wtx = tx as unknown as Transaction<WebhookUsageDatabase>;
    await insertWebhookEvents(wtx, [
      {
        id,
        account_id: accountId,
        message_id: null,
        identifier_hash: event.identifierHash,
        type,
        payload,
        created_at: now,
      },
    ]);
    const jobs: WebhookJob[] = endpoints.map((endpoint) => ({
      eventId: id,
      accountId,
      endpointId: endpoint.id,
    }));
    await insertDeliveries(
      wtx,
      jobs.map((job) => ({
        id: webhookJobId(job),
        account_id: job.accountId,
        message_id: null,
        event_id: id,
        endpoint_id: job.endpointId,
        next_attempt_at: now,
      })),
    );
    return jobs;
  }

  /**
   * Queues the deliveries of committed events. Should Redis refuse, the delivery records stay
   * pending and the queue repair queues them again (ADR 19): the caller's answer stands.
   */
  async enqueue(jobs: readonly WebhookJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const queued = enqueueWebhookDeliveries(this.deps.queue, jobs);
    if (this.deps.bestEffort)
      await this.deps.bestEffort.attempt('person_webhook_enqueue', queued, {
        eventId: jobs[0]!.eventId,
      });
    else await queued;
  }
}
