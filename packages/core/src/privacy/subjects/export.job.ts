import { type JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { bullPrefix } from '../../platform/redis/queue-keys.js';
import type { RedisClient } from '../../platform/redis/redis.js';

/**
 * The privacy queue: building end users' export archives, and expiring them; deleting erased
 * end users' messages at their providers (ADR 35). Queue names are stored state in Redis: never
 * rename one once shipped.
 */
export const PRIVACY_QUEUE_NAME = 'privacy';
/** Versioned so a future payload shape can run beside this one during a deploy. */
export const SUBJECT_EXPORT_JOB_NAME = 'subject-export.build.v1';
/** Expires archives nobody downloaded in time (repeatable, every `RETENTION_INTERVAL_MS`). */
export const SUBJECT_EXPORT_EXPIRY_JOB_NAME = 'subject-export.expire.v1';
export const SUBJECT_EXPORT_EXPIRY_SCHEDULER_ID = 'subject-export-expiry';

/** Ids only: the identifier waits in the export's row, sealed with the master key. */
export const subjectExportJobSchema = z.object({ exportId: z.string(), accountId: z.string() });
export type SubjectExportJob = z.infer<typeof subjectExportJobSchema>;

/** Deletes one erasure's messages at their providers, as soon as it is made. */
export const PROVIDER_ERASURE_JOB_NAME = 'provider-erasure.run.v1';
/** Retries the deletions providers refused for now (repeatable, every `PROVIDER_ERASURE_RETRY_MS`). */
export const PROVIDER_ERASURE_SWEEP_JOB_NAME = 'provider-erasure.sweep.v1';
export const PROVIDER_ERASURE_SWEEP_SCHEDULER_ID = 'provider-erasure-sweep';

/** Emails owners of requests due within 7 days or overdue; expires unverified ones (hourly). */
export const PRIVACY_DEADLINES_JOB_NAME = 'privacy-request.deadlines.v1';
export const PRIVACY_DEADLINES_SCHEDULER_ID = 'privacy-request-deadlines';

/** Ids only: the provider message ids wait in the usage store's `provider_erasures`. */
export const providerErasureJobSchema = z.object({ erasureId: z.string(), accountId: z.string() });
export type ProviderErasureJob = z.infer<typeof providerErasureJobSchema>;

export const subjectExportJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000, jitter: 0.5 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
} satisfies JobsOptions;

export type PrivacyQueue = Queue<SubjectExportJob | ProviderErasureJob>;

export function createPrivacyQueue(connection: RedisClient, prefix: string): PrivacyQueue {
  return new Queue<SubjectExportJob | ProviderErasureJob>(PRIVACY_QUEUE_NAME, {
    connection,
    prefix: bullPrefix(prefix, PRIVACY_QUEUE_NAME),
    defaultJobOptions: subjectExportJobOptions,
  });
}

/** `jobId` = export id: asking twice builds once. */
export async function enqueueSubjectExport(
  queue: PrivacyQueue,
  job: SubjectExportJob,
): Promise<void> {
  await queue.add(SUBJECT_EXPORT_JOB_NAME, job, {
    ...subjectExportJobOptions,
    jobId: job.exportId,
  });
}

/**
 * `jobId` = erasure id: one run per erasure. A lost job loses nothing: the rows stay pending and
 * the sweep takes them.
 */
export async function enqueueProviderErasure(
  queue: PrivacyQueue,
  job: ProviderErasureJob,
): Promise<void> {
  await queue.add(PROVIDER_ERASURE_JOB_NAME, job, {
    ...subjectExportJobOptions,
    jobId: `provider-erasure.${job.erasureId}`,
  });
}
