/** What was said: the only part of a message that goes to the content store. */
export type SmsContent = { channel: 'sms'; body: string };
export type EmailContent = { channel: 'email'; subject: string; html?: string; text?: string };
export type PushContent = {
  channel: 'push';
  title?: string;
  body?: string;
  data?: Record<string, string>;
};
export type MessageContent = SmsContent | EmailContent | PushContent;
