import type { MessageContent } from '../../messages/message-content.js';
import type { RedisClient } from '../redis/redis.js';
import type { ContentVault } from './content-vault.js';

/** As long as a webhook may still be retried (about three days), and a little more. */
const DEFAULT_TTL_MS = 80 * 60 * 60 * 1000;

/**
 * No-store mode for inbound messages: the text must still reach the organisation's webhooks, so
 * it waits in Redis, sealed under the account's data key, for as long as a delivery may be
 * retried, then expires. It is never written to PostgreSQL.
 */
export class TransientContentStore {
  constructor(
    private readonly deps: {
      redis: RedisClient;
      prefix: string;
      vault: ContentVault;
      ttlMs?: number;
    },
  ) {}

  async put(accountId: string, messageId: string, content: MessageContent): Promise<void> {
    const sealed = await this.deps.vault.sealForJob(accountId, messageId, content);
    await this.deps.redis.set(
      this.key(accountId, messageId),
      sealed,
      'PX',
      this.deps.ttlMs ?? DEFAULT_TTL_MS,
    );
  }

  async get(accountId: string, messageId: string): Promise<MessageContent | null> {
    const sealed = await this.deps.redis.get(this.key(accountId, messageId));
    return sealed ? this.deps.vault.openFromJob(accountId, messageId, sealed) : null;
  }

  async remove(accountId: string, messageId: string): Promise<void> {
    await this.deps.redis.del(this.key(accountId, messageId));
  }

  private key(accountId: string, messageId: string): string {
    return `${this.deps.prefix}:transient-content:${accountId}:${messageId}`;
  }
}
