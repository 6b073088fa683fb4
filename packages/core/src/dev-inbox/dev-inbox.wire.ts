import type { Schemas } from '@herald/openapi';
import type { DevInboxItem } from './dev-inbox.service.js';

/** The channel's own fields only: an SMS has a body, an email a subject, text and HTML. */
export function presentDevInboxItem(item: DevInboxItem): Schemas['DevInboxItem'] {
  return {
    object: 'dev_inbox_item',
    id: item.providerMessageId,
    message_id: item.messageId,
    channel: item.channel,
    to: item.to,
    from: item.from,
    received_at: item.receivedAt.toISOString(),
    ...(item.body !== undefined && { body: item.body }),
    ...(item.subject !== undefined && { subject: item.subject }),
    ...(item.text !== undefined && { text: item.text }),
    ...(item.html !== undefined && { html: item.html }),
    ...(item.title !== undefined && { title: item.title }),
    ...(item.data !== undefined && { data: item.data }),
  };
}
