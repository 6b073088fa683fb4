import type { BackoffStrategy } from 'bullmq';

export type BackoffPolicy = { baseMs: number; maxMs: number };

/** Published in the README: 2 s doubling per attempt, at most 10 minutes, with jitter. */
export const defaultBackoffPolicy: BackoffPolicy = { baseMs: 2000, maxMs: 10 * 60 * 1000 };

/**
 * The `provider` backoff type of the dispatch jobs. A provider's Retry-After wins; otherwise
 * exponential with "equal jitter" (half fixed, half random), so retries from a burst of
 * failures spread out instead of hitting a recovering provider at the same instant.
 */
export function providerBackoff(policy: BackoffPolicy): BackoffStrategy {
  return (attemptsMade, _type, error) => {
    const retryAfterMs = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    if (typeof retryAfterMs === 'number' && retryAfterMs > 0)
      return Math.min(retryAfterMs, policy.maxMs);
    const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attemptsMade - 1));
    return Math.round(exponential / 2 + Math.random() * (exponential / 2));
  };
}
