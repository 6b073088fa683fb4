import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import { enqueueRedelivery, redeliveryJobId, type WebhookQueue } from './webhook.job.js';
import { type WebhookAttemptRow, webhookUsageDb } from './webhook.schema.js';
import { insertDeliveries } from './webhook-delivery.store.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';
import { listAttempts } from './webhook-event.store.js';
import type { WebhookRelayService } from './webhook-relay.service.js';

export type WebhookLogDeps = {
  usage: Kysely<UsageDatabase>;
  endpoints: WebhookEndpointService;
  relay: WebhookRelayService;
  queue: WebhookQueue;
};

/** What the API shows of deliveries: the attempt log of an endpoint, and redelivery by hand. */
export class WebhookLogService {
  constructor(private readonly deps: WebhookLogDeps) {}

  /** Newest first, `limit` rows at most; `beforeId` is the cursor. */
  async attempts(
    accountId: string,
    endpointId: string,
    options: { limit: number; beforeId?: string },
  ): Promise<WebhookAttemptRow[]> {
    await this.deps.endpoints.get(accountId, endpointId);
    return listAttempts(webhookUsageDb(this.deps.usage), accountId, endpointId, options);
  }

  /** Queues one fresh attempt of an event to an endpoint, whatever happened to it before. */
  async redeliver(accountId: string, endpointId: string, eventId: string): Promise<void> {
    await this.deps.endpoints.get(accountId, endpointId);
    const event = await this.deps.relay.findOrRender(accountId, eventId);
    if (!event) throw new HeraldError('webhook_event_not_found', { param: 'event_id' });
    const job = { eventId: event.id, accountId, endpointId };
    const jobId = redeliveryJobId(job, randomBytes(8).toString('hex'));
    // The record first, the job before its commit: a Redis that loses the job loses nothing.
    await webhookUsageDb(this.deps.usage)
      .transaction()
      .execute(async (tx) => {
        await insertDeliveries(tx, [
          {
            id: jobId,
            account_id: accountId,
            message_id: event.message_id,
            event_id: event.id,
            endpoint_id: endpointId,
            manual: true,
            next_attempt_at: new Date(),
          },
        ]);
        await enqueueRedelivery(this.deps.queue, job, jobId);
      });
  }
}
