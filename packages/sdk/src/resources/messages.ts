import { type HttpClient, pathOf, type RequestOptions } from '../client.js';
import { PageList } from '../pagination.js';
import type {
  ListMessagesParams,
  Message,
  MessageBatchResult,
  MessageContent,
  MessageEventList,
  MessageList,
  MessageRemoval,
  SendMessageBatchParams,
  SendMessageParams,
} from '../types.js';

/** Send SMS, email and push, and follow what happens to them: `herald.messages`. */
export class Messages {
  constructor(private readonly http: HttpClient) {}

  /**
   * Sends a message. Herald answers once it is stored and queued (`status: 'queued'`, or
   * `scheduled` with `send_at`); a retry with the same idempotency key never sends it twice.
   *
   * @example
   * const message = await herald.messages.send({ channel: 'sms', to: '+14155550100', body: 'Hi' });
   */
  send(params: SendMessageParams, options?: RequestOptions): Promise<Message> {
    return this.http.request({
      method: 'POST',
      path: '/v1/messages',
      body: params,
      options,
      deduplicated: true,
    });
  }

  /**
   * Sends up to 100 messages at once. Each is accepted or refused on its own: the answer has one
   * item per message, in order, with either `message` or `error`.
   *
   * @example
   * const { data } = await herald.messages.sendBatch({
   *   messages: [
   *     { channel: 'sms', to: '+14155550100', body: 'Hi Ada' },
   *     { channel: 'email', to: 'grace@example.com', subject: 'Hi', text: 'Hi Grace' },
   *   ],
   * });
   */
  sendBatch(params: SendMessageBatchParams, options?: RequestOptions): Promise<MessageBatchResult> {
    return this.http.request({
      method: 'POST',
      path: '/v1/messages/batch',
      body: params,
      options,
      deduplicated: true,
    });
  }

  /**
   * Retrieves a message (usage data only; its content is `content()`).
   *
   * @example
   * const message = await herald.messages.get('msg_01JD2W5X6Y7Z8A9B0C1D2E3F4G');
   */
  get(id: string, options?: RequestOptions): Promise<Message> {
    return this.http.request({ method: 'GET', path: pathOf('/v1/messages/{id}', { id }), options });
  }

  /**
   * Messages, newest first. Await it for one page, or iterate it for all of them.
   *
   * @example
   * for await (const message of herald.messages.list({ status: 'failed' })) {
   *   console.log(message.id, message.error_code);
   * }
   */
  list(params: ListMessagesParams = {}, options?: RequestOptions): PageList<Message, MessageList> {
    return new PageList((cursor) =>
      this.http.request({
        method: 'GET',
        path: '/v1/messages',
        query: { ...params, cursor: cursor ?? params.cursor },
        options,
      }),
    );
  }

  /**
   * Removes a finished message's content and recipient (its record stays, for billing); one
   * that may still go out is a `ConflictError`: cancel it first.
   *
   * @example
   * const { content_removed } = await herald.messages.remove(message.id);
   */
  remove(id: string, options?: RequestOptions): Promise<MessageRemoval> {
    return this.http.request({
      method: 'DELETE',
      path: pathOf('/v1/messages/{id}', { id }),
      options,
    });
  }

  /**
   * Cancels a message still `scheduled` or `queued`; one already handed over is a `ConflictError`.
   *
   * @example
   * const canceled = await herald.messages.cancel(message.id);
   */
  cancel(id: string, options?: RequestOptions): Promise<Message> {
    return this.http.request({
      method: 'POST',
      path: pathOf('/v1/messages/{id}/cancel', { id }),
      options,
    });
  }

  /**
   * Every status the message went through, oldest first.
   *
   * @example
   * const { data } = await herald.messages.events(message.id);
   * console.log(data.map((event) => event.status)); // ['queued', 'sending', 'sent']
   */
  events(id: string, options?: RequestOptions): Promise<MessageEventList> {
    return this.http.request({
      method: 'GET',
      path: pathOf('/v1/messages/{id}/events', { id }),
      options,
    });
  }

  /**
   * What the message said, decrypted. A `NotFoundError` with code `content_not_stored`,
   * `content_expired` or `content_unreadable` says why it cannot be read.
   *
   * @example
   * const content = await herald.messages.content(message.id);
   * if (content.channel === 'sms') console.log(content.body);
   */
  content(id: string, options?: RequestOptions): Promise<MessageContent> {
    return this.http.request({
      method: 'GET',
      path: pathOf('/v1/messages/{id}/content', { id }),
      options,
    });
  }
}
