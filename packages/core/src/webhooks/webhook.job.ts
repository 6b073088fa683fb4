import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { WEBHOOK_SCHEDULE_MS } from './webhook-schedule.js';

/**
 * The webhook delivery contract. Queue names are stored state in Redis: never rename one.
 * One job delivers one event to one target (an endpoint, or the message's `status_callback`).
 */
export const WEBHOOK_QUEUE_NAME = 'webhooks';
/** Versioned so a future payload shape can run beside this one during a deploy. */
export const WEBHOOK_DELIVER_JOB_NAME = 'webhook.deliver.v1';

/** The relay that turns `message_events` rows into deliveries runs on its own queue. */
export const WEBHOOK_RELAY_QUEUE_NAME = 'webhook-relay';
export const WEBHOOK_RELAY_JOB_NAME = 'webhook.relay.v1';
export const WEBHOOK_RELAY_SCHEDULER_ID = 'webhook-relay';

/** The custom backoff type: the worker follows the published schedule and `Retry-After`. */
export const WEBHOOK_BACKOFF = 'webhook-schedule';

/** Ids only: the worker reads the rendered event, the target and the secrets at send time. */
export const webhookJobSchema = z.object({
  eventId: z.string(),
  accountId: z.string(),
  /** Null: the message's `status_callback`, signed with the account's signing secret. */
  endpointId: z.string().nullable(),
  /** A redelivery asked for by hand: one attempt, sent even if the endpoint no longer subscribes. */
  manual: z.boolean().optional(),
});
export type WebhookJob = z.infer<typeof webhookJobSchema>;

export const webhookJobOptions = {
  attempts: WEBHOOK_SCHEDULE_MS.length,
  backoff: { type: WEBHOOK_BACKOFF },
  // Kept a while, so a relay re-run within the hour collapses into the same job id.
  removeOnComplete: { age: 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
} satisfies JobsOptions;

export type WebhookQueue = Queue<WebhookJob>;

export function createWebhookQueue(connection: Redis, prefix: string): WebhookQueue {
  return new Queue<WebhookJob>(WEBHOOK_QUEUE_NAME, {
    connection,
    prefix,
    defaultJobOptions: webhookJobOptions,
  });
}

/** `jobId` = event × target, so the same delivery queued twice is one job. (BullMQ ids take no `:`.) */
export function webhookJobId(job: Pick<WebhookJob, 'eventId' | 'endpointId'>): string {
  return `${job.eventId}.${job.endpointId ?? 'callback'}`;
}

export async function enqueueWebhookDeliveries(
  queue: WebhookQueue,
  jobs: readonly WebhookJob[],
): Promise<void> {
  if (jobs.length === 0) return;
  await queue.addBulk(
    jobs.map((data) => ({
      name: WEBHOOK_DELIVER_JOB_NAME,
      data,
      opts: { ...webhookJobOptions, jobId: webhookJobId(data) },
    })),
  );
}

/** A fresh, single attempt asked for by hand; its own job id, so it never collapses into a pending one. */
export async function enqueueRedelivery(
  queue: WebhookQueue,
  job: Omit<WebhookJob, 'manual'>,
  nonce: string,
): Promise<void> {
  await queue.add(
    WEBHOOK_DELIVER_JOB_NAME,
    { ...job, manual: true },
    { ...webhookJobOptions, attempts: 1, jobId: `${webhookJobId(job)}.manual.${nonce}` },
  );
}
