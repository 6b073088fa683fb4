import { createHash } from 'node:crypto';

/*
 * Twilio-shaped ids for Herald's own objects, derived so nothing is stored: what the
 * Twilio-compatible API shows, and what its Basic auth checks.
 */

/**
 * The account SID Twilio's clients authenticate with: `AC` + the first 32 hex digits of
 * sha256(key id). Derived, so it needs no column and never changes; one per key, so a revoked
 * key's SID stops working with it.
 */
export function twilioAccountSid(apiKeyId: string): string {
  return `AC${createHash('sha256').update(apiKeyId).digest('hex').slice(0, 32)}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A Herald message id is `msg_` + a ULID, 128 bits; Twilio's SIDs are `SM` + 32 hex digits, also
 * 128 bits. Re-encoding the same number both ways gives Twilio-shaped SIDs with nothing stored.
 */
export function twilioMessageSid(messageId: string): string {
  let value = 0n;
  for (const char of messageId.slice('msg_'.length)) {
    value = value * 32n + BigInt(CROCKFORD.indexOf(char));
  }
  return `SM${value.toString(16).padStart(32, '0')}`;
}

/** The Herald id behind a SID from `twilioMessageSid` (a Herald id passes through). */
export function messageIdOfSid(sid: string): string {
  if (sid.startsWith('msg_')) return sid;
  let value = BigInt(`0x${sid.slice(2)}`);
  let ulid = '';
  for (let i = 0; i < 26; i++) {
    ulid = CROCKFORD[Number(value % 32n)] + ulid;
    value /= 32n;
  }
  return `msg_${ulid}`;
}
