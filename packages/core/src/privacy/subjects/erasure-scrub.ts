/**
 * A stored API answer (an idempotency record) with one end user taken out: every message that
 * names them gets the erased form instead, and loses its metadata and status callback like the
 * usage row did. Other people in the same answer (a batch) stay as they were.
 */
export function scrubAnswer(value: unknown, identifier: string, erased: string): unknown {
  if (typeof value === 'string') return value === identifier ? erased : value;
  if (Array.isArray(value)) return value.map((item) => scrubAnswer(item, identifier, erased));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const names =
    object.object === 'message' && (object.to === identifier || object.from === identifier);
  const scrubbed = Object.fromEntries(
    Object.entries(object).map(([key, item]) => [key, scrubAnswer(item, identifier, erased)]),
  );
  if (names) {
    if ('metadata' in scrubbed) scrubbed.metadata = {};
    if ('status_callback' in scrubbed) scrubbed.status_callback = null;
  }
  return scrubbed;
}
