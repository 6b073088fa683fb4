/**
 * True when an error means a dependency (PostgreSQL or Redis) is away rather than that the
 * request is wrong: such errors become `503 service_unavailable`, never `500`.
 */
export function isUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string') {
    // Network errors, and PostgreSQL's "admin shutdown", "cannot connect now", "too many connections".
    if (
      ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(
        code,
      )
    )
      return true;
    if (['57P01', '57P02', '57P03', '53300', '08006', '08001', '08003', '08004'].includes(code))
      return true;
  }
  const text = error.message;
  return (
    text.includes('timeout exceeded when trying to connect') ||
    text.includes('Connection terminated') ||
    text.includes("Stream isn't writeable") ||
    text.includes('enableOfflineQueue') ||
    text.includes('Connection is closed') ||
    text.includes('Reached the max retries per request limit')
  );
}
