import {
  type BestEffort,
  createMetricsRegistry,
  type RepairReport,
  registerBestEffortMetric,
  registerQueueMetrics,
} from '@herald/core';
import type { Queue } from 'bullmq';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { DispatchOutcomes } from '../messages/dispatch.processor.js';
import type { WebhookAttemptOutcome } from '../webhooks/webhook-delivery.processor.js';

/**
 * The worker process's metrics. Labels are channels, provider names, error codes, stores and
 * outcomes: closed sets, never a recipient, an account or a message id.
 */
export type WorkerMetrics = {
  registry: Registry;
  dispatch: DispatchOutcomes;
  retentionRowsRemoved(store: string, rows: number): void;
  /** Ciphertext whose message does not exist, removed by the content retention job. */
  orphanedContentRemoved(rows: number): void;
  webhookAttempt(outcome: WebhookAttemptOutcome): void;
  /** Redis had lost its data and was rebuilt from the stores (ADR 19). */
  redisRebuilt(report: RepairReport): void;
  schedulesRestored(count: number): void;
};

export function createWorkerMetrics(queues: Queue[], bestEffort: BestEffort): WorkerMetrics {
  const registry = createMetricsRegistry('herald-worker');
  registerQueueMetrics(registry, queues, bestEffort);
  registerBestEffortMetric(registry, bestEffort);
  const sent = new Counter({
    name: 'herald_messages_sent_total',
    help: 'Messages handed to a provider, by channel and provider.',
    labelNames: ['channel', 'provider'] as const,
    registers: [registry],
  });
  const failed = new Counter({
    name: 'herald_messages_failed_total',
    help: 'Messages that ended failed, by channel, provider (none when no provider was reached) and error code.',
    labelNames: ['channel', 'provider', 'code'] as const,
    registers: [registry],
  });
  const pacedWait = new Histogram({
    name: 'herald_dispatch_paced_wait_seconds',
    help: 'How long sent messages waited in Herald for their send time under their sender and provider throughput caps, by channel.',
    labelNames: ['channel'] as const,
    buckets: [0.01, 0.1, 1, 10, 60, 600, 3600, 14_400],
    registers: [registry],
  });
  const retention = new Counter({
    name: 'herald_retention_rows_removed_total',
    help: 'Rows removed by the retention jobs, by store.',
    labelNames: ['store'] as const,
    registers: [registry],
  });
  const orphans = new Counter({
    name: 'herald_orphaned_content_removed_total',
    help: 'Ciphertext found without its message (a send refused after its content was written, whose clean-up failed) and removed.',
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'herald_webhook_attempts_total',
    help: 'Webhook delivery attempts, by outcome (delivered, gone = 410, retry, exhausted).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const rebuilds = new Counter({
    name: 'herald_redis_rebuilds_total',
    help: 'Times Redis was found emptied (restarted without its data, flushed) and rebuilt from the stores.',
    registers: [registry],
  });
  const requeued = new Counter({
    name: 'herald_redis_rebuild_jobs_total',
    help: 'Jobs queued again by those rebuilds, by kind (message, webhook, export).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const restored = new Counter({
    name: 'herald_schedules_restored_total',
    help: 'Repeatable jobs found missing from Redis and put back.',
    registers: [registry],
  });
  return {
    registry,
    dispatch: {
      sent: (channel, provider) => sent.inc({ channel, provider }),
      failed: (channel, provider, code) =>
        failed.inc({ channel, provider: provider ?? 'none', code }),
      pacedWait: (channel, seconds) => pacedWait.observe({ channel }, seconds),
    },
    retentionRowsRemoved: (store, rows) => retention.inc({ store }, rows),
    orphanedContentRemoved: (rows) => orphans.inc(rows),
    webhookAttempt: (outcome) => webhooks.inc({ outcome }),
    redisRebuilt: (report) => {
      rebuilds.inc();
      requeued.inc({ kind: 'message' }, report.messages);
      requeued.inc({ kind: 'webhook' }, report.webhooks);
      requeued.inc({ kind: 'export' }, report.exports);
    },
    schedulesRestored: (count) => restored.inc(count),
  };
}
