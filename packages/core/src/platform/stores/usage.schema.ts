import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './column-types.js';

/** The usage store: who was messaged, when, and what happened (the customer is controller). */
export interface UsageDatabase {
  messages: MessagesTable;
  message_events: MessageEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  suppressions: SuppressionsTable;
  sender_opt_outs: SenderOptOutsTable;
  herald_keys: HeraldKeysTable;
  subject_restrictions: SubjectRestrictionsTable;
  message_daily_counts: MessageDailyCountsTable;
  message_daily_counts_state: MessageDailyCountsStateTable;
  preferences: PreferencesTable;
  preference_changes: PreferenceChangesTable;
  provider_erasures: ProviderErasuresTable;
  privacy_request_verifications: PrivacyRequestVerificationsTable;
}

/** An end user's own request waiting for the code sent to them; deleted once settled. */
export interface PrivacyRequestVerificationsTable {
  request_id: string;
  account_id: string;
  channel: ChannelName;
  identifier_hash: string;
  /** AES-256-GCM under the master key, bound to the request (AAD). */
  identifier_sealed: Buffer;
  /** SHA-256 of the request id and the code: the code itself is never stored. */
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  created_at: Timestamp;
}

/** Marketing (which end users may refuse) or transactional (which they asked for). */
export type MessageCategory = 'transactional' | 'marketing';

/** Where an end user's preference was given: how consent is proven. */
export type PreferenceSource =
  | 'api'
  | 'console'
  | 'preference_page'
  | 'one_click_unsubscribe'
  | 'privacy_request';

/** An end user's current answer for one scope: `marketing` (all of it) or `topic:<key>`. */
export interface PreferencesTable {
  account_id: string;
  channel: ChannelName;
  identifier_hash: string;
  scope: string;
  subscribed: boolean;
  updated_at: Timestamp;
}

/** Every answer an end user gave, with when and how: never updated, deleted only by erasure. */
export interface PreferenceChangesTable {
  id: string;
  account_id: string;
  channel: ChannelName;
  identifier_hash: string;
  scope: string;
  subscribed: boolean;
  source: PreferenceSource;
  actor_id: string | null;
  recorded_at: Timestamp;
}

/** Messages per account, UTC day, direction, channel, status and error code ('' for none). */
export interface MessageDailyCountsTable {
  account_id: string;
  day: ColumnType<string, string, string>;
  direction: 'outbound' | 'inbound';
  channel: ChannelName;
  status: MessageStatus;
  error_code: string;
  count: ColumnType<string, number, number>;
}

/** The one row that says up to which UTC day (exclusive) the daily counts are complete. */
export interface MessageDailyCountsStateTable {
  singleton: Generated<boolean>;
  settled_before: ColumnType<string, string, string>;
  backfilled: Generated<boolean>;
}

export type ChannelName = 'sms' | 'email' | 'push';
export type MessageStatus =
  | 'scheduled'
  | 'received'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'canceled';

export interface MessagesTable {
  id: string;
  account_id: string;
  channel: ChannelName;
  direction: Generated<'outbound' | 'inbound'>;
  /**
   * In the clear only when it is not the end user's (an inbound message's number), for a row
   * written before identifiers were sealed, or as `erased:…` once they are erased (ADR 38).
   */
  recipient: ColumnType<string | null, string | null, string | null>;
  /** Likewise: the organisation's sender of an outbound message; null for an inbound one. */
  sender: string | null;
  /** The keyed hash of the end user (recipient outbound, sender inbound): every look-up's key. */
  identifier_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** The end user's identifier, sealed under the account's data key with the message id as AAD. */
  identifier_sealed: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  status: MessageStatus;
  error_code: string | null;
  error_message: string | null;
  provider: string | null;
  provider_message_id: string | null;
  status_callback: string | null;
  metadata: Json<Record<string, string>>;
  content_stored: boolean;
  attempts: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: NullableTimestamp;
  send_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  provider_error_code: string | null;
  /** SMS segments (null for email and push, and for SMS recorded before it was counted). */
  segments: ColumnType<number | null, number | null | undefined, number | null>;
  /** Marketing messages honour an opt-out of all marketing and carry one-click unsubscribe. */
  category: ColumnType<MessageCategory, MessageCategory | undefined, MessageCategory>;
  /** One of the account's topics, whose opt-outs the message honours. */
  topic: ColumnType<string | null, string | null | undefined, string | null>;
  /** Channel fallback: the first message's id, for every step of its chain. */
  chain_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Its place in the chain: 0 for the first message. */
  chain_step: ColumnType<number | null, number | null | undefined, number | null>;
  /** The template it was rendered from, with the version and locale used; null otherwise. */
  template_id: ColumnType<string | null, string | null | undefined, string | null>;
  template_version: ColumnType<number | null, number | null | undefined, number | null>;
  template_locale: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MessageEventsTable {
  id: Generated<string>;
  message_id: string;
  account_id: string;
  status: MessageStatus;
  error_code: string | null;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  account_id: string;
  key: string;
  request_hash: string;
  response_status: number;
  /** Null once sealed: the answer names its recipients (ADR 38). */
  response_body: ColumnType<unknown | null, string | null | undefined, string | null>;
  /** The answer, sealed under the account's data key. */
  response_sealed: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  /** The keyed hashes of the end users the answer names, so an erasure finds it. */
  identifier_hashes: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  created_at: Timestamp;
}

export type MessageRow = Selectable<MessagesTable>;
export type NewMessageRow = Insertable<MessagesTable>;
export type MessageEventRow = Selectable<MessageEventsTable>;
export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;

export type SuppressionReason =
  | 'opt_out'
  | 'bounce'
  | 'complaint'
  | 'unregistered'
  | 'manual'
  /** A privacy request: no send to, and no processing of, the end user until it is lifted. */
  | 'restricted';

/** A recipient not to send to, known only by a keyed hash and a masked form. */
export interface SuppressionsTable {
  id: string;
  account_id: string;
  channel: ChannelName;
  identifier_hash: string;
  identifier_masked: string;
  reason: SuppressionReason;
  created_at: Timestamp;
}

/** An opt-out kept for a sender (a number), whichever organisation holds it; see ADR 15. */
export interface SenderOptOutsTable {
  id: string;
  channel: ChannelName;
  sender: string;
  /** Keyed hash of channel, sender and end user: never the end user's identifier. */
  identifier_hash: string;
  identifier_masked: string;
  created_at: Timestamp;
}

/** Herald's own keys (the suppression HMAC key), wrapped by the master key. */
export interface HeraldKeysTable {
  name: string;
  wrapped_key: Buffer;
  kek_id: string;
  created_at: Timestamp;
}

export type SuppressionRow = Selectable<SuppressionsTable>;
export type HeraldKeyRow = Selectable<HeraldKeysTable>;

/** A restriction's memory of the reason its suppression had before, restored when it is lifted. */
export interface SubjectRestrictionsTable {
  suppression_id: string;
  account_id: string;
  reason_before: SuppressionReason | null;
  created_at: Timestamp;
}

export type SubjectRestrictionRow = Selectable<SubjectRestrictionsTable>;

/** A provider's copy of an erased end user's message, to delete there (ADR 35). */
export type ProviderErasureStatus = 'pending' | 'deleted' | 'gone' | 'failed';

export interface ProviderErasuresTable {
  id: string;
  account_id: string;
  /** The erasure receipt (`era_…`) that asked for it. */
  erasure_id: string;
  /** The provider the message went through, as the message records it (`twilio`, `twilio-backup`). */
  provider: string;
  provider_message_id: string;
  status: ProviderErasureStatus;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ProviderErasureRow = Selectable<ProviderErasuresTable>;
