import {
  type AccountDatabase,
  type Clock,
  type ContentDatabase,
  createAccountRetentionProcessor,
  createContentRetentionProcessor,
  createUsageRetentionProcessor,
  type Logger,
  RETENTION_ACCOUNT_JOB_NAME,
  RETENTION_ACCOUNT_SCHEDULER_ID,
  RETENTION_CONTENT_JOB_NAME,
  RETENTION_CONTENT_SCHEDULER_ID,
  RETENTION_USAGE_JOB_NAME,
  RETENTION_USAGE_SCHEDULER_ID,
  type UsageDatabase,
} from '@herald/core';
import type { Processor } from 'bullmq';
import type { Kysely } from 'kysely';

export type RetentionJobsDeps = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  content: Kysely<ContentDatabase>;
  clock: Clock;
  logger: Logger;
  /** RETENTION_INTERVAL_MS: how often each of the three jobs runs. */
  intervalMs: number;
  /** RETENTION_BATCH_SIZE: rows per delete statement. */
  batchSize?: number;
};

/** A repeatable job: its scheduler, its name on the queue, how often, and what runs it. */
export type ScheduledJob = {
  schedulerId: string;
  jobName: string;
  every: number;
  processor: Processor;
};

/** The three retention jobs of the `retention` queue, one per store. */
export function retentionJobs(deps: RetentionJobsDeps): ScheduledJob[] {
  const every = deps.intervalMs;
  return [
    {
      schedulerId: RETENTION_CONTENT_SCHEDULER_ID,
      jobName: RETENTION_CONTENT_JOB_NAME,
      every,
      processor: createContentRetentionProcessor(deps),
    },
    {
      schedulerId: RETENTION_USAGE_SCHEDULER_ID,
      jobName: RETENTION_USAGE_JOB_NAME,
      every,
      processor: createUsageRetentionProcessor(deps),
    },
    {
      schedulerId: RETENTION_ACCOUNT_SCHEDULER_ID,
      jobName: RETENTION_ACCOUNT_JOB_NAME,
      every,
      processor: createAccountRetentionProcessor(deps),
    },
  ];
}
