import { type JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { bullPrefix } from '../platform/redis/queue-keys.js';
import type { RedisClient } from '../platform/redis/redis.js';
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
  /**
   * Attempts made before this job existed: a delivery queued again from its record in the usage
   * store (Redis lost the first job) continues its schedule instead of starting over.
   */
  priorAttempts: z.number().int().min(0).optional(),
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

export function createWebhookQueue(connection: RedisClient, prefix: string): WebhookQueue {
  return new Queue<WebhookJob>(WEBHOOK_QUEUE_NAME, {
    connection,
    prefix: bullPrefix(prefix, WEBHOOK_QUEUE_NAME),
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

/** A fresh, single attempt asked for by hand: its own job id, so it never collapses into a pending one. */
export function redeliveryJobId(job: Pick<WebhookJob, 'eventId' | 'endpointId'>, nonce: string) {
  return `${webhookJobId(job)}.manual.${nonce}`;
}

export async function enqueueRedelivery(
  queue: WebhookQueue,
  job: Omit<WebhookJob, 'manual'>,
  jobId: string,
): Promise<void> {
  await queue.add(
    WEBHOOK_DELIVER_JOB_NAME,
    { ...job, manual: true },
    { ...webhookJobOptions, attempts: 1, jobId },
  );
}

/** A delivery as its record in the usage store has it, to be queued again. */
export type RecordedDelivery = {
  id: string;
  account_id: string;
  event_id: string;
  endpoint_id: string | null;
  manual: boolean;
  attempts: number;
  next_attempt_at: Date;
};

/**
 * Queues deliveries again from their records (Redis lost their jobs): same job ids, due at the
 * recorded time, with the attempts already made counted against the schedule.
 */
export async function requeueWebhookDeliveries(
  queue: WebhookQueue,
  deliveries: readonly RecordedDelivery[],
  now: Date,
): Promise<void> {
  if (deliveries.length === 0) return;
  await queue.addBulk(
    deliveries.map((d) => ({
      name: WEBHOOK_DELIVER_JOB_NAME,
      data: {
        eventId: d.event_id,
        accountId: d.account_id,
        endpointId: d.endpoint_id,
        ...(d.manual ? { manual: true } : { priorAttempts: d.attempts }),
      },
      opts: {
        ...webhookJobOptions,
        jobId: d.id,
        attempts: d.manual ? 1 : Math.max(1, WEBHOOK_SCHEDULE_MS.length - d.attempts),
        delay: Math.max(0, d.next_attempt_at.getTime() - now.getTime()),
      },
    })),
  );
}
