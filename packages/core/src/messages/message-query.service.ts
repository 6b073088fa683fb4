import type { Kysely } from 'kysely';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import { guessChannel } from '../privacy/subjects/subject.js';
import {
  type ChannelName,
  type Message,
  type MessageEvent,
  type MessageStatus,
  toMessage,
} from './message.js';
import { findMessage, listEvents, listMessages } from './message.store.js';
import type { MessageIdentifiers } from './message-identifiers.js';
import { normalizeRecipient } from './message-rules.js';

export type ListMessagesQuery = {
  limit: number;
  cursor?: string;
  status?: MessageStatus;
  channel?: ChannelName;
  to?: string;
  createdAfter?: Date;
  createdBefore?: Date;
  chainId?: string;
};

export type Page<T> = { data: T[]; hasMore: boolean; nextCursor: string | null };

/** Reads of the usage store, always scoped to the caller's account. */
export class MessageQueryService {
  constructor(
    private readonly deps: { usage: Kysely<UsageDatabase>; identifiers: MessageIdentifiers },
  ) {}

  /** Another account's message is simply not found: 404, never 403, so ids leak nothing. */
  async get(accountId: string, id: string): Promise<Message> {
    const row = await findMessage(this.deps.usage, accountId, id);
    if (!row) throw new HeraldError('message_not_found', { param: 'id' });
    return toMessage(await this.deps.identifiers.reveal(row));
  }

  async list(accountId: string, query: ListMessagesQuery): Promise<Page<Message>> {
    const recipient =
      query.to === undefined ? undefined : await this.recipientFilter(accountId, query.to, query);
    const rows = await listMessages(
      this.deps.usage,
      accountId,
      {
        status: query.status,
        channel: query.channel,
        recipient,
        createdAfter: query.createdAfter,
        createdBefore: query.createdBefore,
        chainId: query.chainId,
        beforeId: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      },
      query.limit + 1,
    );
    const hasMore = rows.length > query.limit;
    const data = (await this.deps.identifiers.revealAll(rows.slice(0, query.limit))).map(toMessage);
    const last = data.at(-1);
    return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.id) : null };
  }

  /** `to` as the rows hold it: its keyed hash under the channel it names (or the one asked for). */
  private async recipientFilter(accountId: string, to: string, query: ListMessagesQuery) {
    const channel = query.channel ?? guessChannel(to);
    const clear = normalizeRecipient(channel, to);
    const hash = await this.deps.identifiers.hash({ account_id: accountId, channel }, clear);
    return { clear, hash };
  }

  async events(accountId: string, id: string): Promise<MessageEvent[]> {
    // Looking the message up first turns "someone else's message" into a 404, not an empty list.
    await this.get(accountId, id);
    const rows = await listEvents(this.deps.usage, accountId, id);
    return rows.map((row) => ({
      messageId: row.message_id,
      status: row.status,
      errorCode: row.error_code,
      createdAt: row.created_at,
    }));
  }
}

/** Opaque to callers, so the ordering key can change without breaking them. */
export function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ before: id }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      before?: unknown;
    };
    if (typeof parsed.before === 'string' && /^msg_[0-9A-Z]{26}$/.test(parsed.before))
      return parsed.before;
  } catch {
    // fall through to the error below
  }
  throw new HeraldError('invalid_cursor', { param: 'cursor' });
}
