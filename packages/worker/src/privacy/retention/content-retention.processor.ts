import {
  type ContentDatabase,
  DEFAULT_RETENTION_BATCH,
  sweepContent,
  type UsageDatabase,
} from '@herald/core';
import type { Kysely } from 'kysely';
import { type RetentionRunReport, type RunnerDeps, runRetention } from './retention-runner.js';

export type ContentRetentionDeps = RunnerDeps & {
  content: Kysely<ContentDatabase>;
  /** Read only: which messages are still pending, so their content stays until they are sent. */
  usage: Kysely<UsageDatabase>;
  batchSize?: number;
};

/** `retention.content`: each account's content older than its `content_days`. */
export function createContentRetentionProcessor(deps: ContentRetentionDeps) {
  const mode = { kind: 'delete', batch: deps.batchSize ?? DEFAULT_RETENTION_BATCH } as const;
  return (): Promise<RetentionRunReport> =>
    runRetention(deps, 'content', (target, now) => sweepContent(deps, target, now, mode));
}
