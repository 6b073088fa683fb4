import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { components } from '@herald/openapi';
import { monotonicFactory } from 'ulid';
import type { MessageStatus } from '../platform/stores/usage.schema.js';
import type { WebhookEndpointRow } from './webhook.schema.js';

export type WebhookEventType = components['schemas']['WebhookEventType'];

/** Every event a customer can subscribe to, in the order a message meets them. */
export const webhookEventTypes: readonly WebhookEventType[] = [
  'message.scheduled',
  'message.sending',
  'message.sent',
  'message.delivered',
  'message.undelivered',
  'message.failed',
  'message.canceled',
  'message.received',
  'suppression.created',
  'suppression.deleted',
  'preference.updated',
  'subject.erased',
  'subject.restricted',
  'subject.restriction_lifted',
];

/**
 * The webhook event of a status change, or null: `queued` is answered by the `202` of the send
 * itself, so it is never a webhook (and the accept path never writes anything for webhooks).
 */
export function eventTypeOf(status: MessageStatus): WebhookEventType | null {
  return status === 'queued' ? null : (`message.${status}` as WebhookEventType);
}

/** The name of the key of `webhookEventId` among Herald's own keys (`heraldKey`). */
export const WEBHOOK_EVENT_ID_KEY = 'webhook-event-ids';

/**
 * The id of the event of a `message_events` row: `evt_` and 26 characters, opaque like every
 * other id. It was `evt_<row id>`, one counter across all organisations, so every receiver could
 * read the platform's volume off its own events. Now it is the row id (and eight zero bytes)
 * encrypted as one AES-256 block under a key of Herald's own: a keyed permutation, so the same
 * row always gets the same id (a relay run again renders the same event, and its jobs collapse
 * into the same job ids), and the id leads back to its row (`eventRowIdOf`) for an event the
 * relay has not rendered yet. ECB is right here: one block, and every block is distinct.
 */
export function webhookEventId(key: Buffer, eventRowId: string | number | bigint): string {
  const block = Buffer.alloc(16);
  block.writeBigUInt64BE(BigInt(eventRowId));
  const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  return `evt_${toCrockford(Buffer.concat([cipher.update(block), cipher.final()]))}`;
}

/**
 * The `message_events` row of an event id, or null when the id is not one Herald made. The ids
 * sent before they were opaque (`evt_11`) name their row too: rendered events are found by
 * their stored id first, and an old id keeps resolving even where only its row is left.
 */
export function eventRowIdOf(key: Buffer, eventId: string): string | null {
  const legacy = /^evt_(\d{1,19})$/.exec(eventId);
  if (legacy) return legacy[1]!;
  const opaque = /^evt_([0-7][0-9A-HJKMNP-TV-Z]{25})$/.exec(eventId);
  if (!opaque) return null;
  const decipher = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const block = Buffer.concat([decipher.update(fromCrockford(opaque[1]!)), decipher.final()]);
  // Any other 26 characters decrypt to noise: their last eight bytes are zero 1 time in 2^64.
  if (block.readBigUInt64BE(8) !== 0n) return null;
  return block.readBigUInt64BE(0).toString();
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 128 bits as 26 base-32 digits (the first is 0-7), the alphabet of the ULIDs in other ids. */
function toCrockford(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let text = '';
  for (let i = 0; i < 26; i++, value >>= 5n) text = CROCKFORD[Number(value & 31n)]! + text;
  return text;
}

function fromCrockford(text: string): Buffer {
  let value = 0n;
  for (const digit of text) value = (value << 5n) | BigInt(CROCKFORD.indexOf(digit));
  return Buffer.from(value.toString(16).padStart(32, '0'), 'hex');
}

const nextUlid = monotonicFactory();

export function newWebhookEndpointId(): string {
  return `whe_${nextUlid()}`;
}

export function newWebhookAttemptId(): string {
  return `wha_${nextUlid()}`;
}

/** An endpoint as the domain sees it; its secrets never leave the endpoint service. */
export type WebhookEndpoint = {
  id: string;
  accountId: string;
  url: string;
  eventTypes: WebhookEventType[];
  description: string | null;
  disabled: boolean;
  disabledReason: string | null;
  createdAt: Date;
};

export function toWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    accountId: row.account_id,
    url: row.url,
    eventTypes: row.event_types as WebhookEventType[],
    description: row.description,
    disabled: row.disabled,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
  };
}

/** Whether an endpoint wants an event type (no types listed means every event). */
export function subscribes(endpoint: { eventTypes: readonly string[] }, type: string): boolean {
  return endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(type);
}

/** Why an endpoint stopped receiving events, as `disabled_reason` shows it. */
export const disabledReasons = {
  gone: 'The endpoint answered 410 Gone.',
  manual: 'Disabled through the API.',
} as const;
