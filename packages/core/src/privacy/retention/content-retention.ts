import type { Kysely } from 'kysely';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import { DEFAULT_RETENTION_BATCH } from './retention-batches.js';
import { type RetentionRunReport, type RunnerDeps, runRetention } from './retention-runner.js';
import { sweepContent } from './retention-sweep.js';

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
