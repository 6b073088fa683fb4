import type { RedisClient } from '@herald/core';
import {
  type BestEffort,
  bullPrefix,
  type Clock,
  type ContentVault,
  createWebhookQueue,
  type Logger,
  type MasterKey,
  type MessageIdentifiers,
  type Resolver,
  type TransientContentStore,
  type UsageDatabase,
  WEBHOOK_BACKOFF,
  WEBHOOK_QUEUE_NAME,
  WEBHOOK_RELAY_JOB_NAME,
  WEBHOOK_RELAY_QUEUE_NAME,
  WEBHOOK_RELAY_SCHEDULER_ID,
  WEBHOOK_SCHEDULE_MS,
  WebhookDeliveryService,
  type WebhookEndpointService,
  type WebhookJob,
  WebhookRelayService,
} from '@herald/core';
import { Queue, Worker } from 'bullmq';
import type { Kysely } from 'kysely';
import type { ScheduleKeeper } from '../queue-repair/schedule-keeper.js';
import { InFlightGate } from './in-flight-gate.js';
import {
  createWebhookProcessor,
  type WebhookAttemptOutcome,
  webhookBackoff,
} from './webhook-delivery.processor.js';
import { createWebhookSender } from './webhook-sender.js';

/** What the webhook workers need beyond what every worker has. */
export type WebhookWorkerDeps = {
  /** The endpoints and their secrets (createCoreServices builds them once per process). */
  endpoints: WebhookEndpointService;
  vault: ContentVault;
  /** Reveals each message's end user for its payload (ADR 38). */
  identifiers: MessageIdentifiers;
  /** No-store inbound texts waiting in Redis for their webhooks. */
  transient: TransientContentStore;
  /** Keys the event ids (the relay renders events). */
  masterKey: MasterKey;
  /** Per-request deadline (`WEBHOOK_TIMEOUT_MS`). */
  timeoutMs: number;
  /** Deliveries in flight per account across all workers (`WEBHOOK_MAX_IN_FLIGHT_PER_ACCOUNT`). */
  maxInFlightPerAccount: number;
  /** Development only: loopback targets, over http too (`WEBHOOK_ALLOW_HTTP_LOOPBACK`). */
  allowHttpLoopback: boolean;
  /** Deliveries in flight in this process (`WEBHOOK_CONCURRENCY`). */
  concurrency: number;
  /** How often the relay looks for new events (`WEBHOOK_RELAY_INTERVAL_MS`). */
  relayIntervalMs: number;
  resolve?: Resolver;
  /** Tests only: a faster schedule of the same shape. */
  schedule?: readonly number[];
  clock: Clock;
};

export type WebhookWorkerBase = {
  connection: RedisClient;
  prefix: string;
  usage: Kysely<UsageDatabase>;
  logger: Logger;
  bestEffort: BestEffort;
  onAttempt?: (outcome: WebhookAttemptOutcome) => void;
  /** Where the relay's repeatable job is kept (written, and put back if Redis loses it). */
  schedules: ScheduleKeeper;
};

/** The relay (a repeatable job) and the delivery workers; returns them and the queues to close. */
export function startWebhookWorkers(
  base: WebhookWorkerBase,
  deps: WebhookWorkerDeps,
): { workers: Worker[]; queues: Queue[] } {
  const { connection, prefix, logger } = base;
  const { clock, endpoints } = deps;
  const schedule = deps.schedule ?? WEBHOOK_SCHEDULE_MS;
  const guard = { allowHttpLoopback: deps.allowHttpLoopback, resolve: deps.resolve };
  const queue = createWebhookQueue(connection, prefix);
  const relay = new WebhookRelayService({
    usage: base.usage,
    endpoints,
    queue,
    masterKey: deps.masterKey,
    clock,
  });
  const delivery = new WebhookDeliveryService({
    usage: base.usage,
    endpoints,
    relay,
    vault: deps.vault,
    identifiers: deps.identifiers,
    transient: deps.transient,
    clock,
  });

  const backoff = webhookBackoff(schedule);
  const deliveries = new Worker<WebhookJob>(
    WEBHOOK_QUEUE_NAME,
    createWebhookProcessor({
      delivery,
      gate: new InFlightGate({
        redis: connection,
        prefix,
        limit: deps.maxInFlightPerAccount,
        slotTtlMs: deps.timeoutMs * 2 + 10_000,
      }),
      send: createWebhookSender({ guard, timeoutMs: deps.timeoutMs }),
      logger,
      bestEffort: base.bestEffort,
      clock,
      schedule,
      onAttempt: base.onAttempt,
    }),
    {
      connection,
      prefix: bullPrefix(prefix, WEBHOOK_QUEUE_NAME),
      concurrency: deps.concurrency,
      settings: {
        backoffStrategy: (attemptsMade, type, error) =>
          type === WEBHOOK_BACKOFF ? backoff(attemptsMade, type, error) : 0,
      },
    },
  );

  const relayQueue = new Queue(WEBHOOK_RELAY_QUEUE_NAME, {
    connection,
    prefix: bullPrefix(prefix, WEBHOOK_RELAY_QUEUE_NAME),
  });
  base.schedules.add({
    queue: relayQueue,
    schedulerId: WEBHOOK_RELAY_SCHEDULER_ID,
    jobName: WEBHOOK_RELAY_JOB_NAME,
    every: deps.relayIntervalMs,
  });
  const relayer = new Worker(
    WEBHOOK_RELAY_QUEUE_NAME,
    async () => ({ relayed: await relay.relayPending() }),
    { connection, prefix: bullPrefix(prefix, WEBHOOK_RELAY_QUEUE_NAME), concurrency: 1 },
  );
  return { workers: [deliveries, relayer], queues: [queue, relayQueue] };
}
