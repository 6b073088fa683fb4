/**
 * Reads an HTTP `Retry-After` value (delay-seconds or an HTTP date) as milliseconds from `now`.
 * Undefined when absent or unreadable, so the queue's own backoff applies instead.
 */
export function parseRetryAfterMs(value: unknown, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
