import { createHmac, hkdfSync } from 'node:crypto';
import type { Message } from '../messages/message.js';
import type { MessageContent } from '../messages/message-content.js';
import type { Clock } from '../platform/clock.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import type { BestEffort } from '../platform/observability/best-effort.js';
import type { RedisClient } from '../platform/redis/redis.js';
import { redisScript } from '../platform/redis/redis-script.js';
import { abuseText } from './abuse-text.js';
import {
  bucketOf,
  type ContentStatsLayout,
  contentStatsKeys,
  contentStatsTtlSeconds,
  TOP_FINGERPRINTS,
} from './content-stats.store.js';
import { matchesSpamPattern } from './spam-patterns.js';

/**
 * One round trip, atomic: the recipient joins the content's HyperLogLog, the content's reach
 * updates its place among the account's most repeated contents (trimmed to the top few, so the
 * set stays small however much unique content flows), the message joins the sent (and maybe
 * spam) counts, and every key gets its time to live.
 */
const RECORD_SCRIPT = `
redis.call('PFADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
local reach = redis.call('PFCOUNT', KEYS[1])
redis.call('ZADD', KEYS[2], reach, ARGV[2])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[4]) + 1))
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('PFADD', KEYS[3], ARGV[5])
redis.call('EXPIRE', KEYS[3], ARGV[3])
if ARGV[6] == '1' then
  redis.call('PFADD', KEYS[4], ARGV[5])
  redis.call('EXPIRE', KEYS[4], ARGV[3])
end
return reach
`;
const recordScript = redisScript(RECORD_SCRIPT);

export type ContentRecorderDeps = {
  /** A fail-fast (producer) connection: a Redis outage must not hold a send. */
  redis: RedisClient;
  layout: ContentStatsLayout;
  masterKey: MasterKey;
  /** Told when a message's content could not be recorded (the send goes on). */
  bestEffort: BestEffort;
  clock: Clock;
};

/**
 * What the abuse checks learn from content, recorded while the worker holds it in memory to
 * send it: a keyed fingerprint of the normalised content with the distinct recipients it went
 * to, and whether it matches a known spam pattern. Content and recipients never reach Redis in
 * clear, nor as plain hashes: both are HMACs under keys derived from the master key (HKDF), so
 * only this Herald can compute them, and nobody can confirm a guess from a Redis dump.
 */
export class ContentRecorder {
  private readonly fingerprintKey: Buffer;
  private readonly recipientKey: Buffer;
  private readonly clock: Clock;

  constructor(private readonly deps: ContentRecorderDeps) {
    const derive = (info: string) =>
      Buffer.from(hkdfSync('sha256', deps.masterKey.key, Buffer.alloc(0), info, 32));
    this.fingerprintKey = derive('herald:abuse:content-fingerprint:v1');
    this.recipientKey = derive('herald:abuse:recipient:v1');
    this.clock = deps.clock;
  }

  /**
   * The dispatch hook. Never throws and never waits: the send goes on whatever happens here,
   * and a failure is reported with the message id and the error's code only.
   */
  observe(
    message: Pick<Message, 'id' | 'accountId' | 'channel' | 'to'>,
    content: MessageContent,
  ): void {
    try {
      this.record(message, content).catch((error) => this.failed(message.id, error));
    } catch (error) {
      this.failed(message.id, error);
    }
  }

  /** Records one message; returns how many distinct recipients its content has reached. */
  async record(
    message: Pick<Message, 'id' | 'accountId' | 'channel' | 'to'>,
    content: MessageContent,
  ): Promise<number> {
    const text = abuseText(content);
    const fingerprint = this.mac(this.fingerprintKey, `${message.channel}\n${text}`);
    const recipient = this.mac(this.recipientKey, message.to.trim().toLowerCase());
    const { layout } = this.deps;
    const keys = contentStatsKeys(
      layout,
      message.accountId,
      bucketOf(layout, this.clock.now().getTime()),
    );
    const reach = await recordScript(
      this.deps.redis,
      4,
      keys.recipients(fingerprint),
      keys.top,
      keys.sent,
      keys.spam,
      recipient,
      fingerprint,
      contentStatsTtlSeconds(layout),
      TOP_FINGERPRINTS,
      message.id,
      matchesSpamPattern(text) ? '1' : '0',
    );
    return Number(reach);
  }

  /** 128 bits of HMAC-SHA256, base64url: collision-free at any volume, and short in Redis. */
  private mac(key: Buffer, value: string): string {
    return createHmac('sha256', key)
      .update(value, 'utf8')
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  private failed(messageId: string, error: unknown): void {
    this.deps.bestEffort.failed('abuse_recording', error, { messageId });
  }
}
