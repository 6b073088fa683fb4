import { HeraldError } from '../platform/errors/herald-error.js';
import type { ChannelName } from './message.js';
import type { EmailContent, MessageContent, PushContent, SmsContent } from './message-content.js';
import { countSmsSegments, describeSegments, MAX_SMS_SEGMENTS } from './sms-segments.js';

export const MAX_EMAIL_BYTES = 10 * 1024 * 1024;
export const MAX_PUSH_PAYLOAD_BYTES = 4096;

/**
 * The rules the spec cannot say: cross-field requirements, sizes measured in bytes and SMS
 * segments (which it returns, for the message to carry). The shape of each field was checked
 * against openapi.yaml (or the Twilio form's schema) before this runs, so both send routes
 * share every rule here; the sender is the SenderPolicy's (senders/), which parses it once, as
 * the mailer will.
 */
export function checkMessageRules(content: MessageContent): { segments: number | null } {
  if (content.channel === 'sms') return { segments: checkSms(content) };
  if (content.channel === 'email') checkEmail(content);
  if (content.channel === 'push') checkPush(content);
  return { segments: null };
}

/** The SMS segments of the body, which may be at most MAX_SMS_SEGMENTS. */
function checkSms(content: SmsContent): number {
  const count = countSmsSegments(content.body);
  if (count.segments > MAX_SMS_SEGMENTS)
    throw new HeraldError('body_too_long', {
      param: 'body',
      reason: `it is ${describeSegments(count)}, and an SMS may have at most ${MAX_SMS_SEGMENTS}`,
    });
  return count.segments;
}

function checkEmail(content: EmailContent): void {
  if (content.html === undefined && content.text === undefined) {
    throw new HeraldError('missing_field', {
      param: 'text',
      detail: 'An email needs `text`, `html` or both.',
    });
  }
  const size = bytes(content.subject) + bytes(content.html) + bytes(content.text);
  if (size > MAX_EMAIL_BYTES) {
    const param = bytes(content.html) >= bytes(content.text) ? 'html' : 'text';
    throw new HeraldError('email_too_large', { param });
  }
}

function checkPush(content: PushContent): void {
  if (content.title === undefined && content.body === undefined && content.data === undefined) {
    throw new HeraldError('missing_field', {
      param: 'body',
      detail: 'A push message needs at least one of `title`, `body` and `data`.',
    });
  }
  if (pushPayloadBytes(content) > MAX_PUSH_PAYLOAD_BYTES) {
    throw new HeraldError('push_payload_too_large', { param: content.data ? 'data' : 'body' });
  }
}

/** The size FCM counts: the notification and the data, as JSON. */
export function pushPayloadBytes(content: PushContent): number {
  const payload = {
    notification: { title: content.title, body: content.body },
    data: content.data,
  };
  return bytes(JSON.stringify(payload));
}

function bytes(text: string | undefined): number {
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

/**
 * One spelling per end user, so look-ups, suppression and erasure find every message of theirs.
 * Phone numbers and push tokens are already canonical once validated; email addresses are
 * compared case-insensitively in practice.
 */
export function normalizeRecipient(channel: ChannelName, to: string): string {
  return channel === 'email' ? to.trim().toLowerCase() : to.trim();
}
