import type { Transaction } from 'kysely';
import type { Clock } from '../platform/clock.js';
import { newId } from '../platform/ids.js';
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

/**
 * `suppression.created` and `suppression.deleted` (issue 16), so an organisation can mirror
 * opt-outs in its own systems. Rendered in the transaction that changed the list, with one
 * delivery record per endpoint that subscribes and their jobs queued before the commit, as the
 * relay does for messages: a Redis that loses the jobs loses nothing (ADR 19). The identifier
 * is masked, as the API shows it; the keyed hash stays in the row, so an erasure of the person
 * deletes the event too. Nothing is written when no endpoint listens.
 */
export class SuppressionWebhooks {
  constructor(
    private readonly deps: {
      endpoints: WebhookEndpointService;
      queue: WebhookQueue;
      clock: Clock;
    },
  ) {}

  async record(
    tx: Transaction<UsageDatabase>,
    type: SuppressionEventType,
    row: SuppressionRow,
  ): Promise<void> {
    const endpoints = (await this.deps.endpoints.activeFor([row.account_id])).filter((endpoint) =>
      subscribes(endpoint, type),
    );
    if (endpoints.length === 0) return;
    const now = this.deps.clock.now();
    const id = newId('evt');
    const payload = JSON.stringify({
      id,
      type,
      created_at: now.toISOString(),
      data: { suppression: presentSuppression(toSuppression(row)) },
    });
    const wtx = tx as unknown as Transaction<WebhookUsageDatabase>;
    await insertWebhookEvents(wtx, [
      {
        id,
        account_id: row.account_id,
        message_id: null,
        identifier_hash: row.identifier_hash,
        type,
        payload,
        created_at: now,
      },
    ]);
    const jobs: WebhookJob[] = endpoints.map((endpoint) => ({
      eventId: id,
      accountId: row.account_id,
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
    await enqueueWebhookDeliveries(this.deps.queue, jobs);
  }
}
