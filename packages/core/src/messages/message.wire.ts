import type { Schemas } from '@herald/openapi';
import type { Message, MessageEvent } from './message.js';
import type { MessageContent } from './message-content.js';
import type { Page } from './message-query.service.js';

/*
 * The wire shape of messages, shared by the API's responses and the worker's webhook payloads,
 * so a message looks the same in both. Typed by the spec's generated types (a type-only import):
 * a drift fails to compile.
 */

/** Domain → wire. */
export function presentMessage(message: Message): Schemas['Message'] {
  return {
    id: message.id,
    object: 'message',
    channel: message.channel,
    direction: message.direction,
    to: message.to,
    from: message.from,
    status: message.status,
    error_code: message.errorCode as Schemas['DeliveryErrorCode'] | null,
    error_message: message.errorMessage,
    provider: message.provider,
    provider_message_id: message.providerMessageId,
    status_callback: message.statusCallback,
    metadata: message.metadata,
    content_stored: message.contentStored,
    created_at: message.createdAt.toISOString(),
    updated_at: message.updatedAt.toISOString(),
    sent_at: message.sentAt?.toISOString() ?? null,
    send_at: message.sendAt?.toISOString() ?? null,
    expires_at: message.expiresAt?.toISOString() ?? null,
    provider_error_code: message.providerErrorCode,
    segments: message.segments,
    category: message.category,
    topic: message.topic,
    chain_id: message.chainId,
    chain_step: message.chainStep,
    template: message.template,
  };
}

export function presentMessagePage(page: Page<Message>): Schemas['MessageList'] {
  return {
    object: 'list',
    data: page.data.map(presentMessage),
    has_more: page.hasMore,
    next_cursor: page.nextCursor,
  };
}

export function presentEvents(events: MessageEvent[]): Schemas['MessageEventList'] {
  return {
    object: 'list',
    data: events.map((event) => ({
      object: 'message_event',
      message_id: event.messageId,
      status: event.status,
      error_code: event.errorCode as Schemas['DeliveryErrorCode'] | null,
      created_at: event.createdAt.toISOString(),
    })),
  };
}

/** What a message said, as `GET /v1/messages/{id}/content` shows it. */
export function presentContent(
  messageId: string,
  content: MessageContent,
): Schemas['MessageContent'] {
  if (content.channel === 'email') {
    // The checked sender's parts, under their wire names.
    const { channel, fromName, replyTo, ...fields } = content;
    return {
      object: 'message_content',
      message_id: messageId,
      channel,
      ...fields,
      ...(fromName !== undefined && { from_name: fromName }),
      ...(replyTo !== undefined && { reply_to: replyTo }),
    };
  }
  const { channel, ...fields } = content;
  return { object: 'message_content', message_id: messageId, channel, ...fields };
}
