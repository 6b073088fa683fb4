import type { components } from '@herald/openapi';
import { monotonicFactory } from 'ulid';
import type { MessageStatus } from '../stores/usage.schema.js';
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
];

/**
 * The webhook event of a status change, or null: `queued` is answered by the `202` of the send
 * itself, so it is never a webhook (and the accept path never writes anything for webhooks).
 */
export function eventTypeOf(status: MessageStatus): WebhookEventType | null {
  return status === 'queued' ? null : (`message.${status}` as WebhookEventType);
}

/** The event id is derived from its `message_events` row: stable across retries and relays. */
export function webhookEventId(eventRowId: string | number | bigint): string {
  return `evt_${eventRowId}`;
}

/** The `message_events` row of an event id, or null when the id is not one of ours. */
export function eventRowIdOf(eventId: string): string | null {
  const match = /^evt_(\d{1,19})$/.exec(eventId);
  return match ? match[1]! : null;
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
