import { normalizeRecipient } from '../messages/message-rules.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { ChannelName } from '../platform/stores/usage.schema.js';

// The same shapes the spec gives `to` on a send (PhoneNumber, EmailAddress, PushToken), so
// anything Herald can send to can be suppressed, spelt the way the send path stores it.
const PHONE = /^\+[1-9][0-9]{6,14}$/;
const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]+$/;
const PUSH_TOKEN = /^[A-Za-z0-9_:-]{32,4096}$/;

const MASK = '•••';

/**
 * A recipient identifier as the caller gave it → the one spelling the send path stores, or a
 * 422 naming `param`. Keeps a suppression of `Ada@Example.com` matching a send to `ada@example.com`.
 */
export function parseIdentifier(channel: ChannelName, raw: string, param: string): string {
  const identifier = normalizeRecipient(channel, raw);
  if (channel === 'sms' && !PHONE.test(identifier))
    throw new HeraldError('invalid_phone_number', { param });
  if (channel === 'email' && (identifier.length > 254 || !EMAIL.test(identifier)))
    throw new HeraldError('invalid_email_address', { param });
  if (channel === 'push' && !PUSH_TOKEN.test(identifier))
    throw new HeraldError('invalid_push_token', { param });
  return identifier;
}

/**
 * Enough of an identifier to recognise it in a list (`+1415•••0100`, `a•••@example.com`,
 * `dXx9_d•••ZZZZ`) and too little to contact anyone: at least three characters stay hidden.
 */
export function maskIdentifier(channel: ChannelName, identifier: string): string {
  if (channel === 'email') {
    const at = identifier.lastIndexOf('@');
    return `${identifier.slice(0, Math.min(1, at))}${MASK}${identifier.slice(at)}`;
  }
  const tail = 4;
  const head = channel === 'sms' ? 5 : 6;
  const shown = Math.max(0, Math.min(head, identifier.length - tail - 3));
  return `${identifier.slice(0, shown)}${MASK}${identifier.slice(-tail)}`;
}
