import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { ABUSE_QUEUE_NAME } from '../../abuse/abuse-score.job.js';
import { dispatchQueueNames } from '../../messages/dispatch.job.js';
import { SYSTEM_EMAIL_QUEUE } from '../../notifications/system-email.job.js';
import { RETENTION_QUEUE_NAME } from '../../privacy/retention/retention.job.js';
import { PRIVACY_QUEUE_NAME } from '../../privacy/subjects/export.job.js';
import { RECONCILE_QUEUE_NAME } from '../../queue-repair/reconcile.job.js';
import { WEBHOOK_QUEUE_NAME, WEBHOOK_RELAY_QUEUE_NAME } from '../../webhooks/webhook.job.js';

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
export function openAllQueues(connection: Redis, prefix: string): Queue[] {
  return allQueueNames.map((name) => new Queue(name, { connection, prefix }));
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
 * Every process that registers these reports the same numbers: aggregate with `max by (queue)`.
 */
export function registerQueueMetrics(registry: Registry, queues: Queue[]): void {
  new Gauge({
    name: 'herald_queue_jobs',
    help: 'Jobs in each queue, by state (read from Redis at scrape time).',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queues.map(async (queue) => {
          const counts = await queue.getJobCounts(...JOB_STATES).catch(() => null);
          if (!counts) return;
          for (const state of JOB_STATES)
            this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }),
      );
    },
  });
  new Gauge({
    name: 'herald_queue_oldest_waiting_age_seconds',
    help: 'How long the oldest waiting job has been ready to run (0 when none waits).',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const now = Date.now();
      await Promise.all(
        queues.map(async (queue) => {
          // The wait list is pushed at its head: its tail, read ascending, is the oldest job.
          const oldest = await queue.getJobs(['wait'], 0, 0, true).catch(() => null);
          if (!oldest) return;
          const job = oldest[0];
          const readyAt = job ? job.timestamp + (job.delay ?? 0) : now;
          this.set({ queue: queue.name }, Math.max(0, now - readyAt) / 1000);
        }),
      );
    },
  });
}
