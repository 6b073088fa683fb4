import type { RedisClient } from '@herald/core';
import {
  ABUSE_QUEUE_NAME,
  ABUSE_SCORE_JOB_NAME,
  ABUSE_SCORE_SCHEDULER_ID,
  type AbuseScorer,
  type AccountDatabase,
  type BestEffort,
  bullPrefix,
  type Clock,
  COUNT_DAYS_EVERY_MS,
  COUNT_DAYS_JOB_NAME,
  COUNT_DAYS_SCHEDULER_ID,
  type ContentDatabase,
  type ContentRecorder,
  type CoreQueues,
  countSettledDays,
  type DeliveryService,
  type DispatchJob,
  dispatchQueueNames,
  keepMonthsAhead,
  type Logger,
  type MasterKey,
  MONTH_PARTITIONS_EVERY_MS,
  MONTH_PARTITIONS_JOB_NAME,
  MONTH_PARTITIONS_SCHEDULER_ID,
  type PaceCaps,
  PROVIDER_BACKOFF,
  QueueRepairService,
  RECONCILE_JOB_NAME,
  RECONCILE_QUEUE_NAME,
  RECONCILE_SCHEDULER_ID,
  RETENTION_QUEUE_NAME,
  SYSTEM_EMAIL_QUEUE,
  SYSTEM_SMS_QUEUE,
  safeError,
  type UsageDatabase,
} from '@herald/core';
import { type Processor, Queue, Worker, type WorkerOptions } from 'bullmq';
import type { Kysely } from 'kysely';
import { createAbuseScoreProcessor } from './abuse/abuse-score.processor.js';
import { closeWorker, trackJobsInFlight } from './close-worker.js';
import { type BackoffPolicy, providerBackoff } from './messages/backoff.js';
import {
  createDispatchProcessor,
  type DispatchDeps,
  type Providers,
} from './messages/dispatch.processor.js';
import { createSystemEmailProcessor } from './notifications/system-email.processor.js';
import { createSystemSmsProcessor } from './notifications/system-sms.processor.js';
import type { WorkerMetrics } from './observability/worker-metrics.js';
import { retentionJobs, type ScheduledJob } from './privacy/retention/retention-jobs.js';
import { type PrivacyWorkerDeps, startPrivacyWorkers } from './privacy/subjects/privacy-workers.js';
import { erasersOf } from './privacy/subjects/provider-erasure.runner.js';
import { createReconcileProcessor } from './queue-repair/reconcile.processor.js';
import { type RedisWatch, startRedisWatch } from './queue-repair/redis-watch.js';
import { ScheduleKeeper } from './queue-repair/schedule-keeper.js';
import { startWebhookWorkers, type WebhookWorkerDeps } from './webhooks/webhook-workers.js';

export type WorkerDeps = {
  /** A connection made with `maxRetriesPerRequest: null`; BullMQ duplicates it for blocking calls. */
  connection: RedisClient;
  prefix: string;
  delivery: DeliveryService;
  providers: Providers;
  usage: Kysely<UsageDatabase>;
  /** Producers (createCoreServices), for the reconciler's and a rebuild's re-enqueues. */
  queues: CoreQueues;
  clock: Clock;
  logger: Logger;
  /** The process's reporter of best-effort failures (a warning and a count each). */
  bestEffort: BestEffort;
  concurrency: number;
  /**
   * Dispatch jobs' lock (BullMQ `lockDuration`, also the stalled-check interval): a job whose
   * worker died runs again within about twice this. BullMQ's 30 s when absent.
   */
  lockMs?: number;
  backoff: BackoffPolicy;
  reconcile: { intervalMs: number; graceMs: number };
  /** How often this process checks that Redis still holds what it should (`REDIS_WATCH_INTERVAL_MS`). */
  redisWatchIntervalMs?: number;
  /** Herald's own emails (verification, resets, notices): opened with the master key, sent by email. */
  systemEmail?: { masterKey: MasterKey; privacyContact?: string };
  /** Herald's own text messages (the codes that verify numbers): opened with the master key, sent by SMS. */
  systemSms?: { masterKey: MasterKey };
  /** The suppression list: checked before each send, fed by permanent recipient failures. */
  suppressions?: DispatchDeps['suppressions'];
  /** End users' opt-outs of marketing and topics, checked again before each send. */
  preferences?: DispatchDeps['preferences'];
  /** DKIM keys of the domains organisations added, to sign their email. */
  dkim?: DispatchDeps['dkim'];
  /** Marketing email's one-click unsubscribe links (needs HERALD_PUBLIC_URL). */
  unsubscribe?: DispatchDeps['unsubscribe'];
  /** Senders re-checked at dispatch: a message whose account no longer holds its sender fails. */
  senders?: DispatchDeps['senders'];
  /** Send times against throughput caps (ADR 28): retries and scheduled messages reserve here. */
  pacer?: DispatchDeps['pacer'];
  /** The caps in force (PACE_* or an operator's), for the messages queued again from the stores. */
  paceCaps?: PaceCaps;
  /** Abuse checks: content fingerprints at dispatch and the scoring job. Off when absent. */
  abuse?: { recorder: ContentRecorder; scorer: AbuseScorer; intervalMs: number };
  /** The three retention jobs (content, usage, account store) and closed-account purges. Off when absent. */
  retention?: {
    account: Kysely<AccountDatabase>;
    content: Kysely<ContentDatabase>;
    intervalMs: number;
    batchSize?: number;
    clock: Clock;
  };
  /** Signed webhooks: the relay of status events and their delivery. Off when absent. */
  webhooks?: WebhookWorkerDeps;
  /** End users' export archives (build, expiry). Off when absent. */
  privacy?: PrivacyWorkerDeps;
  /** Prometheus counters fed by the dispatch, retention and webhook workers. */
  metrics?: WorkerMetrics;
};

export type RunningWorkers = {
  workers: Worker[];
  /** The repeatable jobs this worker keeps in Redis (its readiness asks whether any is missing). */
  schedules: ScheduleKeeper;
  /** Notices a Redis that lost its data and rebuilds it from the stores. */
  watch: RedisWatch;
  /** Stops taking jobs, waits for the ones in flight, then returns. */
  close(): Promise<void>;
};

export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const { connection, prefix } = deps;
  const workers: Worker[] = [];
  const schedulers: Queue[] = [];

  const dispatch = createDispatchProcessor({
    ...deps,
    contentObserver: deps.abuse?.recorder,
    outcomes: deps.metrics?.dispatch,
  });
  const backoff = providerBackoff(deps.backoff);
  // Only dispatch jobs use the custom type; anything else retries at once, as BullMQ would.
  const settings: WorkerOptions['settings'] = {
    backoffStrategy: (attemptsMade, type, error, job) =>
      type === PROVIDER_BACKOFF ? backoff(attemptsMade, type, error, job) : 0,
  };
  for (const name of Object.values(dispatchQueueNames)) {
    workers.push(
      new Worker<DispatchJob>(name, dispatch, {
        connection,
        prefix: bullPrefix(prefix, name),
        concurrency: deps.concurrency,
        ...(deps.lockMs && { lockDuration: deps.lockMs, stalledInterval: deps.lockMs }),
        settings,
      }),
    );
  }
  if (deps.systemEmail) {
    const processor = createSystemEmailProcessor({
      masterKey: deps.systemEmail.masterKey,
      privacyContact: deps.systemEmail.privacyContact,
      email: deps.providers.email,
      logger: deps.logger,
    });
    workers.push(
      new Worker(SYSTEM_EMAIL_QUEUE, processor, {
        connection,
        prefix: bullPrefix(prefix, SYSTEM_EMAIL_QUEUE),
        concurrency: 2,
      }),
    );
  }
  if (deps.systemSms) {
    const processor = createSystemSmsProcessor({
      masterKey: deps.systemSms.masterKey,
      sms: deps.providers.sms,
      logger: deps.logger,
    });
    workers.push(
      new Worker(SYSTEM_SMS_QUEUE, processor, {
        connection,
        prefix: bullPrefix(prefix, SYSTEM_SMS_QUEUE),
        concurrency: 2,
      }),
    );
  }

  /**
   * Repeatable jobs on one queue and the one worker that runs them, one at a time, each job by
   * the processor of its name (the retention queue carries one job per store). The keeper
   * writes the schedules once everything is wired, and puts back any Redis loses.
   */
  const keeper = new ScheduleKeeper(connection, prefix);
  const schedule = (queueName: string, jobs: ScheduledJob[]) => {
    const queue = new Queue(queueName, { connection, prefix: bullPrefix(prefix, queueName) });
    for (const job of jobs)
      keeper.add({ queue, schedulerId: job.schedulerId, jobName: job.jobName, every: job.every });
    schedulers.push(queue);
    const byName = new Map(jobs.map((job) => [job.jobName, job.processor]));
    const processor: Processor = async (job, token, signal) => {
      const run = byName.get(job.name);
      if (!run) throw new Error(`no processor for job ${job.name} on queue ${queueName}`);
      return run(job, token, signal);
    };
    workers.push(
      new Worker(queueName, processor, {
        connection,
        prefix: bullPrefix(prefix, queueName),
        concurrency: 1,
      }),
    );
  };

  // What the stores say is still to do, queued again when Redis lost it (ADR 19).
  const repair = new QueueRepairService({
    usage: deps.usage,
    queues: deps.queues.dispatch,
    webhooks: deps.webhooks && deps.queues.webhooks,
    exports: deps.privacy && { content: deps.privacy.content, queue: deps.queues.privacy },
    clock: deps.clock,
    graceMs: deps.reconcile.graceMs,
    pacing: deps.paceCaps,
  });
  schedule(RECONCILE_QUEUE_NAME, [
    {
      schedulerId: RECONCILE_SCHEDULER_ID,
      jobName: RECONCILE_JOB_NAME,
      every: deps.reconcile.intervalMs,
      processor: createReconcileProcessor({ repair, logger: deps.logger }),
    },
    {
      // The overview's daily counts of settled days, so it never scans a month of messages.
      schedulerId: COUNT_DAYS_SCHEDULER_ID,
      jobName: COUNT_DAYS_JOB_NAME,
      every: COUNT_DAYS_EVERY_MS,
      processor: () => countSettledDays({ usage: deps.usage, clock: deps.clock }),
    },
    {
      // The usage store's months ahead (ADR 29), so a message never waits for its partition.
      schedulerId: MONTH_PARTITIONS_SCHEDULER_ID,
      jobName: MONTH_PARTITIONS_JOB_NAME,
      every: MONTH_PARTITIONS_EVERY_MS,
      processor: () => keepMonthsAhead({ usage: deps.usage, clock: deps.clock }),
    },
  ]);
  if (deps.abuse) {
    schedule(ABUSE_QUEUE_NAME, [
      {
        schedulerId: ABUSE_SCORE_SCHEDULER_ID,
        jobName: ABUSE_SCORE_JOB_NAME,
        every: deps.abuse.intervalMs,
        processor: createAbuseScoreProcessor({ ...deps, scorer: deps.abuse.scorer }),
      },
    ]);
  }
  if (deps.retention) {
    schedule(
      RETENTION_QUEUE_NAME,
      retentionJobs({ ...deps.retention, usage: deps.usage, logger: deps.logger }),
    );
    const metrics = deps.metrics;
    // Each retention job returns its run's report: the rows-removed counters read it.
    type Report = { store?: string; rowsRemoved?: number; orphans?: { rows: number } };
    workers.at(-1)?.on('completed', (_job, report: Report) => {
      if (metrics && report?.store && report.rowsRemoved)
        metrics.retentionRowsRemoved(report.store, report.rowsRemoved);
      if (metrics && report?.orphans?.rows) metrics.orphanedContentRemoved(report.orphans.rows);
    });
  }
  if (deps.webhooks) {
    const started = startWebhookWorkers(
      {
        connection,
        prefix,
        usage: deps.usage,
        logger: deps.logger,
        bestEffort: deps.bestEffort,
        onAttempt: deps.metrics?.webhookAttempt,
        schedules: keeper,
      },
      deps.webhooks,
    );
    workers.push(...started.workers);
    schedulers.push(...started.queues);
  }
  if (deps.privacy) {
    const started = startPrivacyWorkers(
      {
        connection,
        prefix,
        usage: deps.usage,
        logger: deps.logger,
        schedules: keeper,
        erasers: erasersOf(deps.providers),
      },
      deps.privacy,
    );
    workers.push(...started.workers);
    schedulers.push(...started.queues);
  }

  // Still the tick the workers were made in: no job has started, so every one is counted.
  const jobsInFlight = new Map(workers.map((worker) => [worker, trackJobsInFlight(worker)]));
  for (const worker of workers) {
    // Without a listener, an 'error' event (say, Redis away) would crash the process.
    worker.on('error', (error) =>
      deps.logger.error({ queue: worker.name, error: safeError(error) }, 'worker error'),
    );
  }
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  await keeper.writeAll();
  const watch = startRedisWatch({
    redis: connection,
    prefix,
    keeper,
    repair,
    logger: deps.logger,
    bestEffort: deps.bestEffort,
    intervalMs: deps.redisWatchIntervalMs ?? 5000,
    onRebuild: deps.metrics?.redisRebuilt,
    onScheduleRestored: deps.metrics?.schedulesRestored,
  });
  // The first look at once: a Redis emptied while no worker ran is rebuilt now, not in a tick.
  void watch.check();

  return {
    workers,
    schedules: keeper,
    watch,
    close: async () => {
      await watch.stop();
      await Promise.all(
        workers.map((worker) =>
          closeWorker(worker, jobsInFlight.get(worker)!, { logger: deps.logger }),
        ),
      );
      await Promise.all(schedulers.map((queue) => queue.close()));
    },
  };
}
