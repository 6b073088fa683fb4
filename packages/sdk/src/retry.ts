/** Retry policy, stripe-node's: exponential backoff with jitter, and `Retry-After` when given. */

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** A `Retry-After` longer than this is not waited for: the error goes back to the caller. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Whether an answer is worth another attempt. 429 was refused before anything ran, and a 409
 * `idempotency_key_in_use` means the first attempt is still running (the retry then gets its
 * answer): both are safe anywhere. A 5xx (like a lost connection) may have done the work, so it
 * is retried only where repeating is safe: reads, PUT/DELETE, and POSTs Herald deduplicates.
 */
export function isRetryableStatus(
  status: number,
  code: string | undefined,
  safe: boolean,
): boolean {
  if (status === 429) return true;
  if (status === 409) return code === 'idempotency_key_in_use';
  return status >= 500 && safe;
}

/** Milliseconds before attempt `retry` (1-based), or null when `Retry-After` asks too much. */
export function retryDelayMs(
  retry: number,
  retryAfter: string | null,
  now = Date.now(),
): number | null {
  const asked = parseRetryAfter(retryAfter, now);
  if (asked !== undefined) return asked > MAX_RETRY_AFTER_MS ? null : asked;
  const backoff = Math.min(INITIAL_DELAY_MS * 2 ** (retry - 1), MAX_DELAY_MS);
  // Up to a quarter off, so clients that failed together do not come back together.
  return backoff * (1 - Math.random() * 0.25);
}

function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
