import type { Kysely } from 'kysely';
import { toMessage } from '../messages/message.js';
import { presentMessage } from '../messages/message.wire.js';
import type { Clock } from '../platform/clock.js';
import { heraldKey } from '../platform/crypto/herald-key.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import type { MessageRow, UsageDatabase } from '../platform/stores/usage.schema.js';
import {
  enqueueWebhookDeliveries,
  type WebhookJob,
  type WebhookQueue,
  webhookJobId,
} from './webhook.job.js';
import {
  eventRowIdOf,
  eventTypeOf,
  subscribes,
  WEBHOOK_EVENT_ID_KEY,
  webhookEventId,
} from './webhook.js';
import {
  type WebhookEventRow,
  type WebhookUsageDatabase,
  webhookUsageDb,
} from './webhook.schema.js';
import { insertDeliveries } from './webhook-delivery.store.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';
import {
  claimPendingEvents,
  findMessageEvent,
  findMessagesByIds,
  findWebhookEvent,
  insertWebhookEvents,
  markRelayed,
  type PendingEvent,
} from './webhook-event.store.js';

export type WebhookRelayDeps = {
  usage: Kysely<UsageDatabase>;
  endpoints: WebhookEndpointService;
  queue: WebhookQueue;
  /** Wraps the key that makes event ids opaque (see `webhookEventId`). */
  masterKey: MasterKey;
  clock: Clock;
  batchSize?: number;
};

/**
 * Turns `message_events` rows into webhook deliveries. Durable without an outbox write on the
 * send path: an event is pending until `webhook_relayed_at` is set, and that is set in the same
 * transaction that rendered it, after its jobs reached Redis. A crash before the commit leaves
 * it pending (the next run re-queues it; job ids collapse the duplicates); a crash after it has
 * nothing left to do. Rows are claimed with `skip locked`, never by an "id > cursor" scan, so
 * an id that commits late is not skipped.
 */
export class WebhookRelayService {
  private readonly db: Kysely<WebhookUsageDatabase>;
  private readonly clock: Clock;
  private readonly batchSize: number;
  private readonly eventIdKey: () => Promise<Buffer>;

  constructor(private readonly deps: WebhookRelayDeps) {
    this.db = webhookUsageDb(deps.usage);
    this.eventIdKey = heraldKey(deps.usage, deps.masterKey, WEBHOOK_EVENT_ID_KEY);
    this.clock = deps.clock;
    this.batchSize = deps.batchSize ?? 200;
  }

  /** Relays batches until none is full (or `maxBatches`); returns the events relayed. */
  async relayPending(maxBatches = 20): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const relayed = await this.relayBatch();
      total += relayed;
      if (relayed < this.batchSize) break;
    }
    return total;
  }

  async relayBatch(): Promise<number> {
    const idKey = await this.eventIdKey();
    return this.db.transaction().execute(async (tx) => {
      const events = await claimPendingEvents(tx, this.batchSize);
      if (events.length === 0) return 0;
      const messages = new Map(
        (await findMessagesByIds(tx, unique(events.map((e) => e.message_id)))).map((m) => [
          m.id,
          m,
        ]),
      );
      const endpoints = await this.deps.endpoints.activeFor(
        unique(events.map((e) => e.account_id)),
      );
      const rendered: Array<WebhookEventRow & { message_id: string }> = [];
      const jobs: WebhookJob[] = [];
      const messageIdOf = new Map<string, string>();
      for (const event of events) {
        const message = messages.get(event.message_id);
        const row = message && renderEvent(event, message, idKey);
        if (!row) continue;
        rendered.push(row);
        messageIdOf.set(row.id, row.message_id);
        for (const endpoint of endpoints) {
          if (endpoint.accountId === event.account_id && subscribes(endpoint, row.type))
            jobs.push({ eventId: row.id, accountId: row.account_id, endpointId: endpoint.id });
        }
        if (message.status_callback)
          jobs.push({ eventId: row.id, accountId: row.account_id, endpointId: null });
      }
      await insertWebhookEvents(tx, rendered);
      // The record of each delivery, so a Redis that loses the jobs loses nothing (ADR 19).
      const now = this.clock.now();
      await insertDeliveries(
        tx,
        jobs.map((job) => ({
          id: webhookJobId(job),
          account_id: job.accountId,
          message_id: messageIdOf.get(job.eventId)!,
          event_id: job.eventId,
          endpoint_id: job.endpointId,
          next_attempt_at: now,
        })),
      );
      // Before the commit, so no committed event is ever without its jobs.
      await enqueueWebhookDeliveries(this.deps.queue, jobs);
      await markRelayed(
        tx,
        events.map((e) => e.id),
        this.clock.now(),
      );
      return events.length;
    });
  }

  /**
   * The rendered event, rendering it now when the relay has not (a redelivery by hand, or a job
   * that started before its relay committed: the insert then waits for that commit and keeps
   * the relay's rendering). Null when the id names no event of the account.
   */
  async findOrRender(accountId: string, eventId: string): Promise<WebhookEventRow | null> {
    const existing = await findWebhookEvent(this.db, accountId, eventId);
    if (existing) return existing;
    const idKey = await this.eventIdKey();
    const rowId = eventRowIdOf(idKey, eventId);
    const event = rowId ? await findMessageEvent(this.db, accountId, rowId) : undefined;
    if (!event) return null;
    const [message] = await findMessagesByIds(this.db, [event.message_id]);
    const row = message && renderEvent(event, message, idKey);
    if (!row) return null;
    await insertWebhookEvents(this.db, [row]);
    // By the id it renders with, which is not the one asked for when that was an old `evt_11`.
    return (await findWebhookEvent(this.db, accountId, row.id)) ?? null;
  }
}

/**
 * The body of an event, without content (that is added in memory at send time). It is frozen
 * here, so every retry sends the same bytes. `data.message` is the message as the API shows it;
 * when it has already moved on, it still reads as of this event (its status and error code).
 */
export function renderEvent(
  event: PendingEvent,
  message: MessageRow,
  idKey: Buffer,
): (WebhookEventRow & { message_id: string }) | null {
  const type = eventTypeOf(event.status);
  if (!type) return null;
  const wire = presentMessage(toMessage(message));
  if (wire.status !== event.status) {
    wire.status = event.status;
    wire.error_code = event.error_code as typeof wire.error_code;
    wire.error_message = null;
    wire.provider_error_code = null;
  }
  const id = webhookEventId(idKey, event.id);
  const created = event.created_at.toISOString();
  return {
    id,
    account_id: event.account_id,
    message_id: event.message_id,
    identifier_hash: null,
    type,
    payload: JSON.stringify({ id, type, created_at: created, data: { message: wire } }),
    created_at: event.created_at,
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
