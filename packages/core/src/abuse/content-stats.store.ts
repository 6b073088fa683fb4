import type { RedisClient } from '../platform/redis/redis.js';
import type { ContentStats } from './abuse-signals.js';

/**
 * Where the worker keeps what it learns about content for the abuse checks, and how the scorer
 * reads it back. Per account and per time bucket (a quarter of the window), all under the
 * queue prefix so one braced prefix keeps every key in one Redis Cluster slot:
 *
 * - `…:fp:<fingerprint>`: a HyperLogLog of keyed hashes of the recipients who got that content;
 * - `…:top`: a sorted set of the fingerprints that reached the most recipients (kept to the top
 *   few), scored by that count;
 * - `…:sent` and `…:spam`: HyperLogLogs of message ids (all messages / those matching a spam
 *   pattern), so a retried or duplicated job is never counted twice.
 *
 * A fingerprint is an HMAC of the normalised content under a key derived from the master key:
 * neither the content nor a plain hash of it (which a guess could confirm) ever reaches Redis.
 * Every key expires a little after the window has passed over its bucket.
 */
export type ContentStatsLayout = { prefix: string; windowMs: number };

/** Fingerprints kept per bucket in `top`: the most repeated content is what the signal needs. */
export const TOP_FINGERPRINTS = 10;

export function bucketSizeMs(layout: ContentStatsLayout): number {
  return Math.max(1000, Math.floor(layout.windowMs / 4));
}

export function bucketOf(layout: ContentStatsLayout, atMs: number): number {
  return Math.floor(atMs / bucketSizeMs(layout));
}

export function contentStatsTtlSeconds(layout: ContentStatsLayout): number {
  return Math.ceil((layout.windowMs + 2 * bucketSizeMs(layout)) / 1000);
}

export function contentStatsKeys(layout: ContentStatsLayout, accountId: string, bucket: number) {
  // One script writes several of these and PFCOUNT reads several buckets at once: the account's
  // hash tag keeps all of an account's stats in one Redis Cluster slot.
  const base = `${layout.prefix}:abuse-stats:{${accountId}}:${bucket}`;
  return {
    top: `${base}:top`,
    sent: `${base}:sent`,
    spam: `${base}:spam`,
    recipients: (fingerprint: string) => `${base}:fp:${fingerprint}`,
  };
}

export class ContentStatsStore {
  constructor(
    private readonly redis: RedisClient,
    readonly layout: ContentStatsLayout,
  ) {}

  /**
   * Content stats of the buckets that overlap `[from, to]`. With `wholeBucketsOnly`, a bucket
   * that started before `from` is left out: after a reinstatement, what was sent before it must
   * not count again.
   */
  async read(
    accountId: string,
    from: Date,
    to: Date,
    options: { wholeBucketsOnly?: boolean } = {},
  ): Promise<ContentStats> {
    const size = bucketSizeMs(this.layout);
    const first = options.wholeBucketsOnly
      ? Math.ceil(from.getTime() / size)
      : Math.floor(from.getTime() / size);
    const last = Math.floor(to.getTime() / size);
    if (last < first) return { messages: 0, spamMessages: 0, maxRecipientsPerContent: 0 };
    const buckets: ReturnType<typeof contentStatsKeys>[] = [];
    for (let b = first; b <= last; b++) buckets.push(contentStatsKeys(this.layout, accountId, b));

    const [messages, spamMessages, tops] = await Promise.all([
      this.redis.pfcount(...buckets.map((k) => k.sent)),
      this.redis.pfcount(...buckets.map((k) => k.spam)),
      Promise.all(buckets.map((k) => this.redis.zrevrange(k.top, 0, TOP_FINGERPRINTS - 1))),
    ]);
    // The same content may span buckets: count its recipients over all of them at once.
    const fingerprints = [...new Set(tops.flat())];
    const reach = await Promise.all(
      fingerprints.map((fp) => this.redis.pfcount(...buckets.map((k) => k.recipients(fp)))),
    );
    return {
      messages,
      spamMessages,
      maxRecipientsPerContent: Math.max(0, ...reach),
    };
  }
}
