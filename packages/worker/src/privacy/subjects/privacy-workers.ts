import type { AccountDatabase, BestEffort, RedisClient, SystemEmail } from '@herald/core';
import {
  bullPrefix,
  type Clock,
  type ContentDatabase,
  type ContentVault,
  type IdentifierHasher,
  type Logger,
  type MasterKey,
  PRIVACY_DEADLINES_JOB_NAME,
  PRIVACY_DEADLINES_SCHEDULER_ID,
  PRIVACY_QUEUE_NAME,
  PROVIDER_ERASURE_SWEEP_JOB_NAME,
  PROVIDER_ERASURE_SWEEP_SCHEDULER_ID,
  PrivacyDeadlines,
  type PrivacyRequestLog,
  SUBJECT_EXPORT_EXPIRY_JOB_NAME,
  SUBJECT_EXPORT_EXPIRY_SCHEDULER_ID,
  SubjectExportBuilder,
  type UsageDatabase,
} from '@herald/core';
import { Queue, Worker } from 'bullmq';
import type { Kysely } from 'kysely';
import type { ProviderEraser } from '../../providers/provider.js';
import type { ScheduleKeeper } from '../../queue-repair/schedule-keeper.js';
import { createPrivacyProcessor } from './privacy.processor.js';
import { ProviderErasureRunner } from './provider-erasure.runner.js';

/** What the privacy worker needs beyond what every worker has. */
export type PrivacyWorkerDeps = {
  content: Kysely<ContentDatabase>;
  vault: ContentVault;
  hasher: IdentifierHasher;
  masterKey: MasterKey;
  /** The register of privacy requests (account store): an export settles its request. */
  requests: PrivacyRequestLog;
  /** How often archives past their time are wiped (`RETENTION_INTERVAL_MS`). */
  expiryIntervalMs: number;
  /**
   * First wait before a provider deletion refused for now is tried again, five times longer
   * each time (`PROVIDER_ERASURE_RETRY_MS`); also how often the sweep looks. One minute when absent.
   */
  providerErasureRetryMs?: number;
  clock: Clock;
  /** Owners are emailed when an end user's request is due within 7 days, and when overdue. */
  deadlines?: {
    account: Kysely<AccountDatabase>;
    mailer: { send(email: SystemEmail): Promise<unknown> };
    /** The console's address, for the email's link (`HERALD_PUBLIC_URL`). */
    publicUrl: string;
    bestEffort: BestEffort;
  };
};

export type PrivacyWorkerBase = {
  connection: RedisClient;
  prefix: string;
  usage: Kysely<UsageDatabase>;
  logger: Logger;
  /** Where the expiry's repeatable job is kept (written, and put back if Redis loses it). */
  schedules: ScheduleKeeper;
  /** How to delete a message at each provider that can (`erasersOf(providers)`). */
  erasers: ReadonlyMap<string, ProviderEraser>;
};

/**
 * The worker of the privacy queue (exports, provider deletions) and its repeatable expiry and
 * sweep; returns what to close.
 */
export function startPrivacyWorkers(
  base: PrivacyWorkerBase,
  deps: PrivacyWorkerDeps,
): { workers: Worker[]; queues: Queue[] } {
  const { connection, prefix } = base;
  const builder = new SubjectExportBuilder({
    usage: base.usage,
    content: deps.content,
    vault: deps.vault,
    hasher: deps.hasher,
    masterKey: deps.masterKey,
    requests: deps.requests,
    clock: deps.clock,
  });
  const queue = new Queue(PRIVACY_QUEUE_NAME, {
    connection,
    prefix: bullPrefix(prefix, PRIVACY_QUEUE_NAME),
  });
  base.schedules.add({
    queue,
    schedulerId: SUBJECT_EXPORT_EXPIRY_SCHEDULER_ID,
    jobName: SUBJECT_EXPORT_EXPIRY_JOB_NAME,
    every: deps.expiryIntervalMs,
  });
  const retryMs = deps.providerErasureRetryMs ?? 60_000;
  base.schedules.add({
    queue,
    schedulerId: PROVIDER_ERASURE_SWEEP_SCHEDULER_ID,
    jobName: PROVIDER_ERASURE_SWEEP_JOB_NAME,
    every: retryMs,
  });
  base.schedules.add({
    queue,
    schedulerId: PRIVACY_DEADLINES_SCHEDULER_ID,
    jobName: PRIVACY_DEADLINES_JOB_NAME,
    every: deps.expiryIntervalMs,
  });
  const deadlines =
    deps.deadlines &&
    new PrivacyDeadlines({
      ...deps.deadlines,
      usage: base.usage,
      requests: deps.requests,
      clock: deps.clock,
    });
  const providerErasures = new ProviderErasureRunner({
    usage: base.usage,
    erasers: base.erasers,
    clock: deps.clock,
    logger: base.logger,
    retryMs,
  });
  const worker = new Worker(
    PRIVACY_QUEUE_NAME,
    createPrivacyProcessor({ builder, providerErasures, deadlines, logger: base.logger }),
    { connection, prefix: bullPrefix(prefix, PRIVACY_QUEUE_NAME), concurrency: 2 },
  );
  return { workers: [worker], queues: [queue] };
}
