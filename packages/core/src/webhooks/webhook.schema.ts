import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import type { Json, NullableTimestamp, Timestamp } from '../platform/stores/column-types.js';
import type { MessageEventsTable, UsageDatabase } from '../platform/stores/usage.schema.js';

/*
 * The webhook tables, added to each store's `Database` with kysely's `withTables`, so the
 * feature's schema lives beside the feature (migrations 2026_11_22_1620_webhook_*).
 */

/** Account store: endpoint configuration is the customer's account data. */
export interface WebhookEndpointsTable {
  id: string;
  account_id: string;
  url: string;
  /** Empty means every event. */
  event_types: Json<string[]>;
  description: string | null;
  /** `whsec_…` sealed with the master key; the AAD binds account and endpoint. */
  secret_sealed: Buffer;
  /** The secret before the last rotation, still signing until `previous_secret_expires_at`. */
  previous_secret_sealed: Buffer | null;
  previous_secret_expires_at: NullableTimestamp;
  disabled: boolean;
  disabled_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Account store: the secret that signs deliveries to per-message `status_callback` URLs. */
export interface SigningSecretsTable {
  account_id: string;
  secret_sealed: Buffer;
  created_at: Timestamp;
}

/** Usage store: the rendered body of an event, without content, so retries send the same bytes. */
export interface WebhookEventsTable {
  id: string;
  account_id: string;
  /** Null for an event that is not about a message (a suppression's). */
  message_id: string | null;
  /** The keyed hash of the end user a suppression's event is about, for their erasure. */
  identifier_hash: ColumnType<string | null, string | null | undefined, string | null>;
  type: string;
  payload: string;
  created_at: Timestamp;
}

/** Usage store: one row per delivery attempt, to an endpoint or to a `status_callback`. */
export interface WebhookAttemptsTable {
  id: string;
  account_id: string;
  /** Null for a message's `status_callback`. */
  endpoint_id: string | null;
  event_id: string;
  message_id: string | null;
  event_type: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  created_at: Timestamp;
  next_attempt_at: NullableTimestamp;
}

/**
 * Usage store: one row per delivery (an event to one target): the record of what is still to
 * send, so Redis only holds a copy (ADR 19). `id` is the delivery's job id.
 */
export interface WebhookDeliveriesTable {
  id: string;
  account_id: string;
  message_id: string | null;
  event_id: string;
  /** Null for a message's `status_callback`. */
  endpoint_id: string | null;
  /** A redelivery asked for by hand: one attempt. */
  manual: Generated<boolean>;
  /** Attempts made so far. */
  attempts: Generated<number>;
  /** When the next attempt is due. */
  next_attempt_at: Timestamp;
  /** Set when no other attempt will follow. */
  finished_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export type WebhookAccountDatabase = AccountDatabase & {
  webhook_endpoints: WebhookEndpointsTable;
  signing_secrets: SigningSecretsTable;
};

export type WebhookUsageDatabase = Omit<UsageDatabase, 'message_events'> & {
  message_events: MessageEventsTable & {
    /** When the relay turned the event into deliveries; null while it has not. */
    webhook_relayed_at: NullableTimestamp;
  };
  webhook_events: WebhookEventsTable;
  webhook_attempts: WebhookAttemptsTable;
  webhook_deliveries: WebhookDeliveriesTable;
};

export type WebhookAccountDb = Kysely<WebhookAccountDatabase> | Transaction<WebhookAccountDatabase>;
export type WebhookUsageDb = Kysely<WebhookUsageDatabase> | Transaction<WebhookUsageDatabase>;

export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type NewWebhookEndpointRow = Insertable<WebhookEndpointsTable>;
export type WebhookEventRow = Selectable<WebhookEventsTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;
export type NewWebhookAttemptRow = Insertable<WebhookAttemptsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type NewWebhookDeliveryRow = Insertable<WebhookDeliveriesTable>;

/** The account store with the webhook tables. */
export function webhookAccountDb(db: Kysely<AccountDatabase>): Kysely<WebhookAccountDatabase> {
  return db.withTables<{
    webhook_endpoints: WebhookEndpointsTable;
    signing_secrets: SigningSecretsTable;
  }>() as unknown as Kysely<WebhookAccountDatabase>;
}

/** The usage store with the webhook tables and the relay's column. */
export function webhookUsageDb(db: Kysely<UsageDatabase>): Kysely<WebhookUsageDatabase> {
  return db as unknown as Kysely<WebhookUsageDatabase>;
}
