import type { MessageContent, SendMessageInput } from '@herald/core';
import type { components } from '@herald/openapi';

type SendMessageRequest = components['schemas']['SendMessageRequest'];

/** Wire → domain: the usage fields, and the content that goes to the content store. */
export function toSendInput(request: SendMessageRequest): SendMessageInput {
  return {
    to: request.to,
    from: request.channel === 'push' ? undefined : request.from,
    replyTo: request.channel === 'email' ? request.reply_to : undefined,
    statusCallback: request.status_callback,
    metadata: request.metadata,
    sendAt: request.send_at === undefined ? undefined : new Date(request.send_at),
    validityPeriod: request.validity_period,
    priority: request.priority,
    contentRetention: request.content_retention,
    content: contentOf(request),
  };
}

function contentOf(request: SendMessageRequest): MessageContent {
  switch (request.channel) {
    case 'sms':
      return { channel: 'sms', body: request.body };
    case 'email':
      return { channel: 'email', subject: request.subject, html: request.html, text: request.text };
    case 'push':
      return { channel: 'push', title: request.title, body: request.body, data: request.data };
  }
}
