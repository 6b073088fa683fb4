import { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { ABUSE_QUEUE_NAME } from '../../abuse/abuse-score.job.js';
import { dispatchQueueNames } from '../../messages/dispatch.job.js';
import { SYSTEM_EMAIL_QUEUE } from '../../notifications/system-email.job.js';
import { RETENTION_QUEUE_NAME } from '../../privacy/retention/retention.job.js';
import { PRIVACY_QUEUE_NAME } from '../../privacy/subjects/export.job.js';
import { RECONCILE_QUEUE_NAME } from '../../queue-repair/reconcile.job.js';
import { WEBHOOK_QUEUE_NAME, WEBHOOK_RELAY_QUEUE_NAME } from '../../webhooks/webhook.job.js';
import { bullPrefix } from '../redis/queue-keys.js';
import type { RedisClient } from '../redis/redis.js';
import { withTimeout } from '../with-timeout.js';
import type { BestEffort } from './best-effort.js';

/**
 * Every queue Herald runs, for the queue gauges and the operators' dashboard. Names are stored
 * state in Redis: they never change once shipped.
 */
export const allQueueNames = [
  ...Object.values(dispatchQueueNames),
  WEBHOOK_QUEUE_NAME,
  WEBHOOK_RELAY_QUEUE_NAME,
  SYSTEM_EMAIL_QUEUE,
  PRIVACY_QUEUE_NAME,
  RETENTION_QUEUE_NAME,
  RECONCILE_QUEUE_NAME,
  ABUSE_QUEUE_NAME,
] as const;

/**
 * A producer-side handle on every queue (no worker), for the queue gauges and the dashboard.
 * The caller closes them.
 */
export function openAllQueues(connection: RedisClient, prefix: string): Queue[] {
  return allQueueNames.map(
    (name) => new Queue(name, { connection, prefix: bullPrefix(prefix, name) }),
  );
}

/**
 * A registry of one process's metrics with Node's defaults (`process_*`, `nodejs_*`) and a
 * `service` label. One registry per process (never prom-client's global one), so tests can run
 * many apps in one process.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/**
 * Queue depth by state and the age of the oldest waiting job, read from Redis at each scrape
 * (`getJobCounts`, and the tail of the wait list). Labels are queue names and states only.
 * Every process that registers these reports the same numbers: aggregate with `max by (queue)`
 * (a cluster's primary does: `aggregator: 'max'`).
 */
export function registerQueueMetrics(
  registry: Registry,
  queues: Queue[],
  bestEffort: BestEffort,
): void {
  new Gauge({
    name: 'herald_queue_jobs',
    help: 'Jobs in each queue, by state (read from Redis at scrape time).',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    aggregator: 'max',
    async collect() {
      this.reset();
      const read = (queue: Queue) => queue.getJobCounts(...JOB_STATES);
      for (const [queue, counts] of await readEach(queues, read, bestEffort))
        for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
    },
  });
  new Gauge({
    name: 'herald_queue_oldest_waiting_age_seconds',
    help: 'How long the oldest waiting job has been ready to run (0 when none waits).',
    labelNames: ['queue'] as const,
    registers: [registry],
    aggregator: 'max',
    async collect() {
      this.reset();
      const now = Date.now();
      // The wait list is pushed at its head: its tail, read ascending, is the oldest job.
      const read = (queue: Queue) => queue.getJobs(['wait'], 0, 0, true);
      for (const [queue, [job]] of await readEach(queues, read, bestEffort)) {
        const readyAt = job ? job.timestamp + (job.delay ?? 0) : now;
        this.set({ queue: queue.name }, Math.max(0, now - readyAt) / 1000);
      }
    },
  });
}

/** A scrape waits this long for Redis: a queue waits for a Redis that is away forever. */
const READ_TIMEOUT_MS = 2000;

/**
 * Reads every queue at once. A queue Redis does not answer for is left out of this scrape, and
 * the failures are reported once for the scrape, not once per queue.
 */
async function readEach<T>(
  queues: Queue[],
  read: (queue: Queue) => Promise<T>,
  bestEffort: BestEffort,
): Promise<Array<[Queue, T]>> {
  const results = await Promise.allSettled(
    queues.map((queue) => withTimeout(read(queue), READ_TIMEOUT_MS)),
  );
  const answered: Array<[Queue, T]> = [];
  const failed: string[] = [];
  let error: unknown;
  for (const [i, result] of results.entries()) {
    const queue = queues[i]!;
    if (result.status === 'fulfilled') answered.push([queue, result.value]);
    else {
      failed.push(queue.name);
      error ??= result.reason;
    }
  }
  if (failed.length > 0) bestEffort.failed('queue_gauges', error, { queues: failed });
  return answered;
}
