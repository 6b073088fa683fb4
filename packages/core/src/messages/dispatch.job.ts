import { type JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { bullPrefix } from '../platform/redis/queue-keys.js';
import type { RedisClient } from '../platform/redis/redis.js';
import type { ChannelName } from '../platform/stores/usage.schema.js';

/**
 * The dispatch contract: one queue per channel, so a backlog of email never delays SMS.
 * Queue names are part of the stored state in Redis: never rename one once shipped.
 */
export const dispatchQueueNames = {
  sms: 'sms',
  email: 'email',
  push: 'push',
} as const satisfies Record<ChannelName, string>;

/** Versioned so a future payload shape can run beside this one during a deploy. */
export const DISPATCH_JOB_NAME = 'dispatch.v1';

/**
 * Ids and keyed hashes only, but for no-store mode: then the content rides the job sealed, and
 * the job is deleted when it ends.
 */
export const dispatchJobSchema = z.object({
  messageId: z.string(),
  accountId: z.string(),
  /** No-store mode only: the content, sealed under the account's data key (ADR 7). */
  content: z.string().optional(),
  /**
   * What the suppression check looks up, as keyed hashes (never the recipient): with it the
   * worker checks while it claims the message rather than after (ADR 27). A job rebuilt from
   * PostgreSQL has none, and is checked after its claim.
   */
  suppression: z
    .object({
      channel: z.enum(['sms', 'email', 'push']),
      hash: z.string(),
      senderOptOutHash: z.string().optional(),
    })
    .optional(),
  /**
   * How the message is paced (ADR 28): the capped lanes it counts against (its sender, its
   * provider account) and its cost in each. `heldFor` is the attempt whose send time is already
   * reserved (the job became due at it); any other attempt reserves one before it is claimed.
   */
  /** A fallback step after the first: the worker skips it when an earlier step was delivered. */
  chained: z.literal(true).optional(),
  pace: z
    .object({
      lanes: z.array(z.object({ key: z.string(), perSecond: z.number().positive() })),
      cost: z.number().positive(),
      urgent: z.boolean(),
      /** Its validity period's end (ms since the epoch): no send time is reserved past it. */
      deadline: z.number().optional(),
      heldFor: z.number().int().optional(),
      /** How long the reserved send time made it wait, for the paced-wait metric. */
      waitedMs: z.number().optional(),
    })
    .optional(),
});
export type DispatchPace = NonNullable<DispatchJob['pace']>;
export type DispatchSuppressionLookup = NonNullable<DispatchJob['suppression']>;
export type DispatchJob = z.infer<typeof dispatchJobSchema>;

/** The custom backoff type; the worker defines it (exponential with jitter, or Retry-After). */
export const PROVIDER_BACKOFF = 'provider';

export const dispatchJobOptions = {
  attempts: 8,
  backoff: { type: PROVIDER_BACKOFF, delay: 1000 },
  // Bounded, so Redis memory stays flat however many messages pass through.
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
} satisfies JobsOptions;

/** No-store jobs carry content: gone from Redis the moment the job ends, whichever way. */
export const noStoreJobOptions = {
  ...dispatchJobOptions,
  removeOnComplete: true,
  removeOnFail: true,
} satisfies JobsOptions;

export type DispatchQueues = Record<ChannelName, Queue<DispatchJob>>;

export function createDispatchQueues(connection: RedisClient, prefix: string): DispatchQueues {
  const make = (name: string) =>
    new Queue<DispatchJob>(name, {
      connection,
      prefix: bullPrefix(prefix, name),
      defaultJobOptions: dispatchJobOptions,
    });
  return {
    sms: make(dispatchQueueNames.sms),
    email: make(dispatchQueueNames.email),
    push: make(dispatchQueueNames.push),
  };
}

export async function closeDispatchQueues(queues: DispatchQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}

/**
 * `jobId` = message id: enqueueing the same message twice (a retry, or the reconciler racing the
 * API) adds one job while the first still exists; the worker's status check covers the rest.
 */
export async function enqueueDispatch(
  queues: DispatchQueues,
  message: { id: string; accountId: string; channel: ChannelName },
): Promise<void> {
  await queues[message.channel].add(
    DISPATCH_JOB_NAME,
    { messageId: message.id, accountId: message.accountId },
    { jobId: message.id },
  );
}

/** What a dispatch job is made from: the message, and its sealed content in no-store mode. */
export type DispatchMessage = {
  id: string;
  accountId: string;
  channel: ChannelName;
  sendAt?: Date | null;
  sealedContent?: string;
  suppression?: DispatchSuppressionLookup;
  pace?: DispatchPace;
  /** From now until its reserved send time (a paced message); `sendAt` wins when set. */
  pacedDelayMs?: number;
  /** Its place in a fallback chain; a step after the first is checked against the chain. */
  chainStep?: number | null;
};

/**
 * Enqueues many messages, one `addBulk` per channel; a scheduled message is delayed until its
 * `send_at`.
 */
export async function enqueueDispatchMany(
  queues: DispatchQueues,
  messages: readonly DispatchMessage[],
  now: Date,
): Promise<void> {
  const byChannel = new Map<ChannelName, DispatchMessage[]>();
  for (const message of messages)
    byChannel.set(message.channel, [...(byChannel.get(message.channel) ?? []), message]);
  await Promise.all(
    [...byChannel].map(([channel, batch]) =>
      queues[channel].addBulk(
        batch.map((message) => ({
          name: DISPATCH_JOB_NAME,
          data: {
            messageId: message.id,
            accountId: message.accountId,
            content: message.sealedContent,
            suppression: message.suppression,
            pace: message.pace,
            ...(message.chainStep && { chained: true as const }),
          },
          opts: {
            ...(message.sealedContent ? noStoreJobOptions : dispatchJobOptions),
            jobId: message.id,
            delay: delayUntil(message.sendAt, now) ?? (message.pacedDelayMs || undefined),
          },
        })),
      ),
    ),
  );
}

function delayUntil(sendAt: Date | null | undefined, now: Date): number | undefined {
  if (!sendAt) return undefined;
  return Math.max(0, sendAt.getTime() - now.getTime());
}
