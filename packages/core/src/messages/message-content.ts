import type { CheckedSender } from './send-contracts.js';

/** What was said: the only part of a message that goes to the content store. */
export type SmsContent = { channel: 'sms'; body: string };
export type EmailContent = {
  channel: 'email';
  subject: string;
  html?: string;
  text?: string;
  /** The display name of the checked `from`, whose address is the message's sender. */
  fromName?: string;
  /** The checked `reply_to`, as the mailer gets it. */
  replyTo?: { name: string; address: string };
};
export type PushContent = {
  channel: 'push';
  title?: string;
  body?: string;
  data?: Record<string, string>;
};
export type MessageContent = SmsContent | EmailContent | PushContent;

/** An email carries its checked display name and reply-to to the mailer, with its content. */
export function withCheckedSender(content: MessageContent, checked: CheckedSender): MessageContent {
  if (content.channel !== 'email') return content;
  return {
    ...content,
    ...(checked.fromName && { fromName: checked.fromName }),
    ...(checked.replyTo && { replyTo: checked.replyTo }),
  };
}
