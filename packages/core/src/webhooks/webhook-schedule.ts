const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The published retry schedule (README, openapi.yaml): the delay before each attempt, the
 * first immediately. Ten attempts over 75 h 35 min (about three days), Svix-like, so a
 * receiver that is down for a weekend still gets its events.
 */
export const WEBHOOK_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
];

/** A receiver's `Retry-After` is honoured up to this; a longer one would stall the schedule. */
export const RETRY_AFTER_CAP_MS = 24 * HOUR;

/**
 * How long to wait after failed attempt `attempt` (1 for the first) before the next one, or
 * null when that was the last. A `Retry-After` may push the next attempt later, never sooner.
 */
export function nextAttemptDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  schedule: readonly number[] = WEBHOOK_SCHEDULE_MS,
): number | null {
  if (attempt >= schedule.length) return null;
  const scheduled = schedule[attempt]!;
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return scheduled;
  return Math.max(scheduled, Math.min(Math.max(0, retryAfterMs), RETRY_AFTER_CAP_MS));
}
