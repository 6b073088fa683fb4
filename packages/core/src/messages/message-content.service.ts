import type { Kysely } from 'kysely';
import type { ContentVault } from '../platform/content/content-vault.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import { findMessage } from './message.store.js';
import type { MessageContent } from './message-content.js';

/**
 * Reads what a message said, and says clearly why when it cannot: never stored (no-store mode),
 * removed (retention or an erasure), or unreadable (its key destroyed when the account closed).
 */
export class MessageContentService {
  constructor(private readonly deps: { usage: Kysely<UsageDatabase>; vault: ContentVault }) {}

  async read(
    accountId: string,
    messageId: string,
  ): Promise<{ messageId: string; content: MessageContent }> {
    const message = await findMessage(this.deps.usage, accountId, messageId);
    if (!message) throw new HeraldError('message_not_found', { param: 'id' });
    if (!message.content_stored) throw new HeraldError('content_not_stored');
    const result = await this.deps.vault.readDetailed(accountId, messageId);
    if (result.status === 'missing') throw new HeraldError('content_expired');
    if (result.status === 'unreadable') throw new HeraldError('content_unreadable');
    return { messageId, content: result.content };
  }
}
