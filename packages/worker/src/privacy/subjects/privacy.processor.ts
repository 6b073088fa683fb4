import {
  type Logger,
  PRIVACY_DEADLINES_JOB_NAME,
  PROVIDER_ERASURE_JOB_NAME,
  PROVIDER_ERASURE_SWEEP_JOB_NAME,
  type PrivacyDeadlines,
  providerErasureJobSchema,
  SUBJECT_EXPORT_EXPIRY_JOB_NAME,
  type SubjectExportBuilder,
  safeError,
  subjectExportJobSchema,
} from '@herald/core';
import type { Job } from 'bullmq';
import type { ProviderErasureRunner } from './provider-erasure.runner.js';

/**
 * The privacy queue's jobs: build one export archive, or (repeatable) expire archives nobody
 * downloaded; delete an erasure's messages at their providers, or (repeatable) retry those
 * refused for now. Logs carry ids and outcomes only, never the identifier or the archive.
 */
export function createPrivacyProcessor(deps: {
  builder: SubjectExportBuilder;
  providerErasures: ProviderErasureRunner;
  /** Absent where no mailer is wired (then the deadline job is a no-op). */
  deadlines?: PrivacyDeadlines;
  logger: Logger;
}) {
  return async (job: Job): Promise<void> => {
    if (job.name === PRIVACY_DEADLINES_JOB_NAME) {
      const run = await deps.deadlines?.run();
      if (run && run.dueSoon + run.overdue + run.expired + run.policyChanges > 0)
        deps.logger.info(run, 'privacy request deadlines');
      return;
    }
    if (job.name === PROVIDER_ERASURE_JOB_NAME) {
      await deps.providerErasures.run(providerErasureJobSchema.parse(job.data).erasureId);
      return;
    }
    if (job.name === PROVIDER_ERASURE_SWEEP_JOB_NAME) {
      await deps.providerErasures.run();
      return;
    }
    if (job.name === SUBJECT_EXPORT_EXPIRY_JOB_NAME) {
      const expired = await deps.builder.expireDue();
      if (expired > 0) deps.logger.info({ expired }, 'subject exports expired');
      return;
    }
    const { exportId, accountId } = subjectExportJobSchema.parse(job.data);
    try {
      const outcome = await deps.builder.build(accountId, exportId);
      deps.logger.info({ exportId, accountId, outcome }, 'subject export');
    } catch (error) {
      const attempt = job.attemptsMade + 1;
      deps.logger.warn(
        { exportId, accountId, attempt, error: safeError(error) },
        'subject export attempt failed',
      );
      if (attempt >= (job.opts.attempts ?? 1)) await deps.builder.fail(accountId, exportId);
      throw error;
    }
  };
}
