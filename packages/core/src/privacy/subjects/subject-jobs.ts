import type { Queue } from 'bullmq';
import type { DispatchQueues } from '../../messages/dispatch.job.js';
import type { RedisClient } from '../../platform/redis/redis.js';
import type { ChannelName } from '../../platform/stores/usage.schema.js';
import { type WebhookQueue, webhookJobId } from '../../webhooks/webhook.job.js';

export type SubjectJobsDeps = {
  dispatch: DispatchQueues;
  webhooks: WebhookQueue;
  /** No-store inbound texts waiting in Redis for their webhooks (the lead's transient store). */
  transient: { remove(accountId: string, messageId: string): Promise<void> };
};

/** What the queues hold for an end user's messages: found by the job ids Herald gives them. */
export type SubjectJobTargets = {
  messages: ReadonlyArray<{ id: string; channel: ChannelName; direction: string }>;
  /** Rendered webhook events of those messages. */
  eventIds: readonly string[];
  /** Every webhook endpoint of the account (switched off ones too), by id. */
  endpointIds: readonly string[];
};

/**
 * An end user's jobs in Redis. Dispatch jobs are named by message id and webhook deliveries by
 * `<event>.<endpoint|callback>`, so no queue is ever listed: one pipelined EXISTS per batch
 * finds them, whatever their state, and only those are removed. A job a worker holds right now
 * (active, locked) cannot be removed; it finds its message erased or canceled.
 */
export class SubjectJobs {
  constructor(private readonly deps: SubjectJobsDeps) {}

  async count(targets: SubjectJobTargets): Promise<{ dispatch: number; webhooks: number }> {
    let dispatch = 0;
    for (const [queue, ids] of this.dispatchIds(targets))
      dispatch += (await existing(queue, ids)).length;
    const webhooks = (await existing(this.deps.webhooks, webhookIds(targets))).length;
    return { dispatch, webhooks };
  }

  async remove(
    accountId: string,
    targets: SubjectJobTargets,
  ): Promise<{ dispatch: number; webhooks: number }> {
    let dispatch = 0;
    for (const [queue, ids] of this.dispatchIds(targets))
      dispatch += await removeAll(queue, await existing(queue, ids));
    const webhooks = await removeAll(
      this.deps.webhooks,
      await existing(this.deps.webhooks, webhookIds(targets)),
    );
    if (this.deps.transient) {
      for (const message of targets.messages)
        if (message.direction === 'inbound')
          await this.deps.transient.remove(accountId, message.id);
    }
    return { dispatch, webhooks };
  }

  private dispatchIds(targets: SubjectJobTargets): Array<[Queue, string[]]> {
    return (['sms', 'email', 'push'] as const).map((channel) => [
      this.deps.dispatch[channel] as Queue,
      targets.messages.filter((m) => m.channel === channel).map((m) => m.id),
    ]);
  }
}

function webhookIds(targets: SubjectJobTargets): string[] {
  const endpointIds = [...targets.endpointIds, null];
  return targets.eventIds.flatMap((eventId) =>
    endpointIds.map((endpointId) => webhookJobId({ eventId, endpointId })),
  );
}

/** The ids among `ids` that name a job in the queue, in one round trip per thousand. */
async function existing(queue: Queue, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  // BullMQ's own client type hides ioredis' pipeline; it is an ioredis client all the same.
  const client = (await queue.client) as unknown as RedisClient;
  const found: string[] = [];
  for (let start = 0; start < ids.length; start += 1000) {
    const chunk = ids.slice(start, start + 1000);
    const pipeline = client.pipeline();
    for (const id of chunk) pipeline.exists(queue.toKey(id));
    const results = (await pipeline.exec()) ?? [];
    results.forEach(([error, exists], i) => {
      if (error) throw error;
      if (exists === 1) found.push(chunk[i]!);
    });
  }
  return found;
}

async function removeAll(queue: Queue, ids: readonly string[]): Promise<number> {
  let removed = 0;
  for (const id of ids) removed += await queue.remove(id);
  return removed;
}
