import type { SinkInboxEntry, SinkInboxSource } from './dev-inbox.service.js';

/**
 * Reads the development inbox that `npm start` serves next to its local provider servers
 * (`DEV_INBOX_URL`): a JSON array of entries, dates as ISO strings. The API runs in another
 * process than the servers, so it asks over HTTP on every request; nothing is cached.
 */
export function httpInboxSource(url: string, timeoutMs = 2000): SinkInboxSource {
  return async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`the development inbox answered ${res.status}`);
    const entries = (await res.json()) as Array<
      Omit<SinkInboxEntry, 'receivedAt'> & { receivedAt: string }
    >;
    return entries.map((entry) => ({ ...entry, receivedAt: new Date(entry.receivedAt) }));
  };
}
