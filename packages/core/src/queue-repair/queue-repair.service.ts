import type { Kysely } from 'kysely';
import { type DispatchQueues, enqueueDispatchMany } from '../messages/dispatch.job.js';
import {
  type AwaitingDispatch,
  listAwaitingDispatch,
  type WaitingStatus,
  waitingStatuses,
} from '../messages/message.store.js';
import { paceOfRow } from '../pacing/paced-dispatch.js';
import type { PaceCaps } from '../pacing/provider-caps.js';
import type { Clock } from '../platform/clock.js';
import type { ContentDatabase } from '../platform/stores/content.schema.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import { enqueueSubjectExport, type PrivacyQueue } from '../privacy/subjects/export.job.js';
import { listPendingExports } from '../privacy/subjects/export.store.js';
import {
  type RecordedDelivery,
  requeueWebhookDeliveries,
  type WebhookQueue,
} from '../webhooks/webhook.job.js';
import { webhookUsageDb } from '../webhooks/webhook.schema.js';
import { listPendingDeliveries } from '../webhooks/webhook-delivery.store.js';

export type QueueRepairDeps = {
  usage: Kysely<UsageDatabase>;
  queues: DispatchQueues;
  /** Webhook deliveries on record; left alone when absent. */
  webhooks?: WebhookQueue;
  /** End users' exports waiting for their archive; left alone when absent. */
  exports?: { content: Kysely<ContentDatabase>; queue: PrivacyQueue };
  /**
   * Work younger than this is left alone: an API request may still be enqueueing it (and a
   * no-store message's job carries its content, which a re-added job would not), or a worker
   * may still be inside its provider call. Longer than any provider call or webhook request.
   */
  graceMs: number;
  clock: Clock;
  pageSize?: number;
  /** The caps in force: a message queued again is paced as at accept (ADR 28). */
  pacing?: PaceCaps;
};

/** What was queued again, by kind. */
export type RepairReport = { messages: number; webhooks: number; exports: number };

/**
 * Keeps Redis, the to-do list, in step with PostgreSQL, the record (ADR 2 and ADR 19): every
 * accepted message, every webhook delivery and every export still to build has a job.
 * `reconcile` runs often and looks at the longest-waiting page of each kind, asking Redis
 * about each; `rebuild` runs after Redis lost its data and queues every page again without
 * asking (job ids are the record's ids, so whatever survived collapses the duplicate).
 */
export class QueueRepairService {
  private readonly clock: Clock;
  private readonly pageSize: number;
  /**
   * Where each status's next `reconcile` page starts: the pages go round the whole waiting set,
   * so a backlog older than a lost message (a paced campaign, ADR 28) cannot hide it forever.
   */
  private readonly cursors = new Map<WaitingStatus, AwaitingDispatch['cursor']>();

  constructor(private readonly deps: QueueRepairDeps) {
    this.clock = deps.clock;
    this.pageSize = deps.pageSize ?? 500;
  }

  async reconcile(): Promise<RepairReport> {
    const now = this.clock.now();
    const olderThan = new Date(now.getTime() - this.deps.graceMs);
    const report: RepairReport = { messages: 0, webhooks: 0, exports: 0 };

    for (const status of waitingStatuses) {
      const page = await listAwaitingDispatch(this.deps.usage, status, {
        olderThan,
        limit: this.pageSize,
        after: this.cursors.get(status),
      });
      // A short page was the end of the set: the next run starts from the oldest again.
      if (page.length < this.pageSize) this.cursors.delete(status);
      else this.cursors.set(status, page.at(-1)!.cursor);
      const lost: AwaitingDispatch[] = [];
      for (const message of page) {
        const job = await this.deps.queues[message.channel].getJob(message.id);
        if (!job) lost.push(message);
        else if (await job.isFailed()) {
          // It failed before it could even claim the message (say, the database was away).
          await job.retry();
          report.messages++;
        }
      }
      report.messages += await this.requeueMessages(lost, now);
    }

    if (this.deps.webhooks) {
      const queue = this.deps.webhooks;
      const due = await listPendingDeliveries(webhookUsageDb(this.deps.usage), {
        dueBefore: olderThan,
        limit: this.pageSize,
      });
      const lost: RecordedDelivery[] = [];
      for (const delivery of due) if (!(await queue.getJob(delivery.id))) lost.push(delivery);
      await requeueWebhookDeliveries(queue, lost, now);
      report.webhooks = lost.length;
    }

    if (this.deps.exports) {
      const { content, queue } = this.deps.exports;
      for (const pending of await listPendingExports(content, { olderThan, limit: this.pageSize }))
        if (!(await queue.getJob(pending.id))) {
          await enqueueSubjectExport(queue, {
            exportId: pending.id,
            accountId: pending.account_id,
          });
          report.exports++;
        }
    }
    return report;
  }

  /**
   * Everything on record queued again, page by page. A message whose job carries only ids is
   * safe to queue at once (the API's own enqueue, if it is still coming, collapses into it);
   * work that may be inside an API request with its content, or inside a provider call or a
   * webhook request, is left to the next `reconcile`, once its grace is over. A webhook delivery
   * due later is safe at once, since nothing can be sending it yet.
   */
  async rebuild(): Promise<RepairReport> {
    const now = this.clock.now();
    const olderThan = new Date(now.getTime() - this.deps.graceMs);
    const report: RepairReport = { messages: 0, webhooks: 0, exports: 0 };

    for (const status of waitingStatuses) {
      let after: AwaitingDispatch['cursor'] | undefined;
      for (;;) {
        // A `sending` message may be inside a provider call; one waiting is not, so it goes now
        // unless it is a young no-store one (its job, with the content, may still be coming).
        const page = await listAwaitingDispatch(this.deps.usage, status, {
          olderThan: status === 'sending' ? olderThan : now,
          limit: this.pageSize,
          after,
        });
        const ready = page.filter((m) => m.content_stored || m.created_at < olderThan);
        report.messages += await this.requeueMessages(ready, now);
        if (page.length < this.pageSize) break;
        after = page.at(-1)!.cursor;
      }
    }

    if (this.deps.webhooks) {
      const db = webhookUsageDb(this.deps.usage);
      for (const window of [{ dueBefore: olderThan }, { dueFrom: now }]) {
        let after: { at: Date; id: string } | undefined;
        for (;;) {
          const page = await listPendingDeliveries(db, { ...window, after, limit: this.pageSize });
          await requeueWebhookDeliveries(this.deps.webhooks, page, now);
          report.webhooks += page.length;
          if (page.length < this.pageSize) break;
          after = { at: page.at(-1)!.next_attempt_at, id: page.at(-1)!.id };
        }
      }
    }

    if (this.deps.exports) {
      const { content, queue } = this.deps.exports;
      let afterId: string | undefined;
      for (;;) {
        const page = await listPendingExports(content, {
          olderThan,
          limit: this.pageSize,
          afterId,
        });
        for (const pending of page)
          await enqueueSubjectExport(queue, {
            exportId: pending.id,
            accountId: pending.account_id,
          });
        report.exports += page.length;
        if (page.length < this.pageSize) break;
        afterId = page.at(-1)!.id;
      }
    }
    return report;
  }

  /** A scheduled message gets its delay back: it goes out at `send_at`, not now. */
  private async requeueMessages(messages: readonly AwaitingDispatch[], now: Date): Promise<number> {
    if (messages.length === 0) return 0;
    const caps = await this.deps.pacing?.current();
    await enqueueDispatchMany(
      this.deps.queues,
      messages.map((m) => ({
        id: m.id,
        accountId: m.account_id,
        channel: m.channel,
        sendAt: m.send_at,
        chainStep: m.chain_step,
        // Without `heldFor`: the worker reserves its send time when it takes the job.
        pace: caps && paceOfRow(caps, m),
      })),
      now,
    );
    return messages.length;
  }
}
