import type { AbuseScorer, Logger } from '@herald/core';

export type AbuseScoreDeps = { scorer: AbuseScorer; logger: Logger };

/**
 * Runs the abuse scorer over every account that sent in the window. The scorer logs each
 * suspension itself; the job's return value (kept for the last 100 runs) says what a run did.
 */
export function createAbuseScoreProcessor(deps: AbuseScoreDeps) {
  return async (): Promise<{ scored: number; suspended: number; failed: number }> => {
    const { scored, suspended, failed } = await deps.scorer.scoreAll();
    deps.logger.debug({ scored, suspended: suspended.length, failed }, 'abuse scoring run');
    return { scored, suspended: suspended.length, failed };
  };
}
