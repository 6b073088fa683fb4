import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { SenderKind } from '../../pacing/pace-lanes.js';
import type { Propagation } from '../../privacy/subjects/propagation.js';
import type { LocaleParts } from '../../templates/template.js';
import type { Json, NullableTimestamp, Timestamp } from './column-types.js';

/** The account store: what Herald knows about its customers (Herald is controller). */
export interface AccountDatabase {
  accounts: AccountsTable;
  api_keys: ApiKeysTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  login_events: LoginEventsTable;
  audit_events: AuditEventsTable;
  account_decisions: AccountDecisionsTable;
  review_requests: ReviewRequestsTable;
  inbound_numbers: InboundNumbersTable;
  phone_number_codes: PhoneNumberCodesTable;
  sender_domains: SenderDomainsTable;
  provider_pace_caps: ProviderPaceCapsTable;
  templates: TemplatesTable;
  template_versions: TemplateVersionsTable;
  topics: TopicsTable;
  retention_policies: RetentionPoliciesTable;
  retention_runs: RetentionRunsTable;
  account_closures: AccountClosuresTable;
  billing_records: BillingRecordsTable;
  retired_usage_months: RetiredUsageMonthsTable;
  privacy_requests: PrivacyRequestsTable;
  erasure_receipts: ErasureReceiptsTable;
  policy_versions: PolicyVersionsTable;
  policy_acceptances: PolicyAcceptancesTable;
  operators: OperatorsTable;
  operator_sessions: OperatorSessionsTable;
}

/** A person who runs this Herald (issue 17, item 8): password and TOTP, always. */
export interface OperatorsTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  /** AES-256-GCM under the master key. */
  totp_secret_sealed: Buffer;
  /** The last 30-second step a code was accepted for: a code works once. */
  totp_last_step: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** An operator's signed-in session: a bearer token kept as its SHA-256 only. */
export interface OperatorSessionsTable {
  token_hash: string;
  operator_id: string;
  ip: string | null;
  created_at: Timestamp;
  expires_at: Date;
}

export type PolicyKind = 'privacy' | 'terms';

/** A version of the privacy notice or the terms, and the day it takes effect (issue 17, item 7). */
export interface PolicyVersionsTable {
  kind: PolicyKind;
  version: string;
  /** Where it is read: absolute, or a path on Herald's public address. */
  url: string;
  summary: string;
  /** A material change: owners are emailed, at least 30 days before it takes effect. */
  material: Generated<boolean>;
  effective_at: Date;
  published_at: Timestamp;
  owners_notified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Which version a user accepted, when and from where (deleted with the user). */
export interface PolicyAcceptancesTable {
  user_id: string;
  kind: PolicyKind;
  version: string;
  accepted_at: Date;
  ip: string | null;
}

export type AccountStatus = 'active' | 'suspended' | 'closed';
export type Role = 'owner' | 'admin' | 'developer' | 'viewer';
export type ApiKeyScope = 'full' | 'standard' | 'send_only';

export interface AccountsTable {
  id: string;
  name: string;
  status: Generated<AccountStatus>;
  rate_limit_per_second: Generated<number | null>;
  help_text: Generated<string | null>;
  /** Added to marketing SMS where the organisation asks for it (`Reply STOP to opt out`). */
  sms_opt_out_line: Generated<string | null>;
  /** Everyone in the organisation signs in with two factors (an owner's choice). */
  require_two_factor: Generated<boolean>;
  suspended_at: NullableTimestamp;
  /** Made by sign-up and no owner has verified their address yet: it cannot send. */
  awaiting_owner_verification: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  account_id: string;
  name: string;
  mode: 'live' | 'test';
  scope: Generated<ApiKeyScope>;
  secret_hash: string;
  display_prefix: string;
  /** Who created it, as history (null: the operator or a key); `owner_user_id` is who bounds it now. */
  created_by: string | null;
  /** The person whose current role bounds the key; null for a key the operator issued. */
  owner_user_id: string | null;
  /** The key that created this one, if a key did. */
  created_by_key_id: string | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  last_used_ip: string | null;
  revoked_at: NullableTimestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  email_verified_at: NullableTimestamp;
  marketing_opt_in: Generated<boolean>;
  /** TOTP secret (AES-256-GCM under the master key), once two-factor sign-in is on. */
  totp_secret_sealed: Generated<Buffer | null>;
  /** A secret waiting for its first code (setup started, not confirmed). */
  totp_pending_sealed: Generated<Buffer | null>;
  totp_enabled_at: Generated<Date | null>;
  /** The last 30-second step a code was accepted for: a code works once. */
  totp_last_step: ColumnType<string | null, string | null | undefined, string | null>;
  /** First seen without any membership: purged 30 days later unless they join again. */
  memberless_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When they confirmed at sign-up that they are 16 or older. */
  age_confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecoveryCodesTable {
  user_id: string;
  /** SHA-256 of the code: shown once, never stored. */
  code_hash: string;
  used_at: Date | null;
  created_at: Generated<Date>;
}

export interface MembershipsTable {
  account_id: string;
  user_id: string;
  role: Role;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  account_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  expires_at: Date;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  account_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
}

export type UserTokenPurpose = 'email_verification' | 'password_reset' | 'email_change_undo';

export interface UserTokensTable {
  token_hash: string;
  user_id: string;
  purpose: UserTokenPurpose;
  /** `email_verification`: the new address it applies; `email_change_undo`: the old one it restores. */
  email: string | null;
  expires_at: Date;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface LoginEventsTable {
  id: Generated<string>;
  user_id: string | null;
  account_id: string | null;
  success: boolean;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
}

/** `end_user`: someone on an organisation's hosted privacy request form, verified by a code. */
export type ActorType = 'user' | 'api_key' | 'operator' | 'system' | 'end_user';

export interface AuditEventsTable {
  id: string;
  account_id: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export type DecisionKind = 'suspended' | 'reinstated' | 'upheld';

export interface AccountDecisionsTable {
  id: string;
  account_id: string;
  kind: DecisionKind;
  automated: boolean;
  score: number | null;
  signals: Json<unknown[]>;
  reason: string;
  decided_by: string | null;
  created_at: Timestamp;
}

export type ReviewStatus = 'pending' | 'reinstated' | 'upheld';

export interface ReviewRequestsTable {
  id: string;
  account_id: string;
  decision_id: string;
  requested_by: string | null;
  statement: string;
  status: Generated<ReviewStatus>;
  outcome_reason: string | null;
  resolved_by: string | null;
  created_at: Timestamp;
  resolved_at: NullableTimestamp;
}

/** An organisation's retention policy; no row means the defaults (see retention-policy.ts). */
export interface RetentionPoliciesTable {
  account_id: string;
  content_days: Generated<number>;
  usage_days: Generated<number>;
  ip_log_days: Generated<number>;
  store_content: Generated<boolean>;
  legal_hold: Generated<boolean>;
  legal_hold_reason: string | null;
  updated_at: Timestamp;
}

export type AccountRow = Selectable<AccountsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type NewApiKeyRow = Insertable<ApiKeysTable>;
export type UserRow = Selectable<UsersTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type UserTokenRow = Selectable<UserTokensTable>;
export type LoginEventRow = Selectable<LoginEventsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type AccountDecisionRow = Selectable<AccountDecisionsTable>;
export type ReviewRequestRow = Selectable<ReviewRequestsTable>;

/** A number whose inbound SMS belong to one organisation. */
export type PhoneNumberStatus = 'pending_verification' | 'verified';

/** One organisation's claim on a number; at most one claim per number is `verified`. */
export interface InboundNumbersTable {
  id: string;
  account_id: string;
  number: string;
  status: Generated<PhoneNumberStatus>;
  verified_at: NullableTimestamp;
  verified_by: 'code' | 'operator' | null;
  /** Null: as its area code says (ADR 28). */
  kind: ColumnType<SenderKind | null, SenderKind | null | undefined, SenderKind | null>;
  /** Segments a second; null: its kind's default. */
  max_per_second: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
}

export type InboundNumberRow = Selectable<InboundNumbersTable>;

/** A one-time code texted to a claimed number, kept only as a keyed hash. */
export interface PhoneNumberCodesTable {
  id: string;
  number_id: string;
  account_id: string;
  number: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Date;
  created_at: Timestamp;
}

export type PhoneNumberCodeRow = Selectable<PhoneNumberCodesTable>;

/** An email domain an organisation may send from (kept by operators). */
export interface SenderDomainsTable {
  account_id: string;
  domain: string;
  created_at: Timestamp;
  /** Its cap in messages a second; null is the operator's default (ADR 28). */
  max_per_second: ColumnType<number | null, number | null | undefined, number | null>;
  /** Added by the organisation: its DKIM key (none for an operator's entry). */
  dkim_selector: ColumnType<string | null, string | null | undefined, string | null>;
  /** The public key as DNS publishes it (`p=`: base64 of the DER SubjectPublicKeyInfo). */
  dkim_public_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** The PEM private key, sealed with the master key (AAD: account and domain). */
  dkim_private_key_sealed: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  /** When its DNS records were found; null until then (an operator's entry: when listed). */
  verified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  dns_checked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Each record's last result, by purpose. */
  dns_status: ColumnType<
    Record<string, 'verified' | 'pending'> | null,
    string | null | undefined,
    string | null
  >;
}

export type SenderDomainRow = Selectable<SenderDomainsTable>;
export type RetentionPolicyRow = Selectable<RetentionPoliciesTable>;

/**
 * An operator's cap on a provider account Herald sends through, in segments (SMS) or messages a
 * second (ADR 28). A channel without a row keeps its `PACE_*` default.
 */
export interface ProviderPaceCapsTable {
  channel: 'sms' | 'email' | 'push';
  per_second: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A message template: its name and the number of its latest version (issue 16). */
export interface TemplatesTable {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** One version of a template: every locale's Liquid sources per channel, as they were. */
export interface TemplateVersionsTable {
  template_id: string;
  version: number;
  default_locale: string;
  locales: Json<Record<string, LocaleParts>>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** A topic an organisation sends about, which end users may opt out of (issue 16). */
export interface TopicsTable {
  account_id: string;
  key: string;
  name: string;
  description: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** What one retention job removed from one account's data in one store. */
export interface RetentionRunsTable {
  id: Generated<string>;
  account_id: string;
  store: 'account' | 'usage' | 'content';
  rows_removed: number;
  started_at: Date;
  duration_ms: number;
}

/** A closing (or closed and purged) organisation; see privacy/account-closure.ts. */
export interface AccountClosuresTable {
  account_id: string;
  requested_by: string | null;
  requested_at: Date;
  previous_status: AccountStatus;
  content_shredded_at: Date;
  purge_at: Date;
  purged_at: NullableTimestamp;
}

/** Messages per month, channel and direction: what billing and tax need, without recipients. */
export interface BillingRecordsTable {
  account_id: string;
  /** `YYYY-MM`, UTC. */
  month: string;
  channel: string;
  direction: string;
  /** bigint: pg returns it as a string. */
  messages: ColumnType<string, number, number>;
}

/** A month of the usage store that retention dropped whole, counted into billing first. */
export interface RetiredUsageMonthsTable {
  partition: string;
  messages: ColumnType<string, number, number>;
  counted_at: Generated<Date>;
}

export type RetentionRunRow = Selectable<RetentionRunsTable>;
export type AccountClosureRow = Selectable<AccountClosuresTable>;
export type BillingRecordRow = Selectable<BillingRecordsTable>;

/** A request about one end user (find, export, erasure, restriction), known by a keyed hash. */
export interface PrivacyRequestsTable {
  id: string;
  account_id: string;
  kind: 'find' | 'export' | 'erasure' | 'restriction' | 'restriction_lifted' | 'objection';
  status: 'awaiting_verification' | 'pending' | 'completed' | 'failed' | 'expired';
  /** Filed by the organisation (API, console) or by the end user on its hosted form. */
  source: Generated<'organisation' | 'end_user'>;
  channel: 'sms' | 'email' | 'push';
  identifier_hash: string;
  /** When the end user asked: the 30 days run from here. */
  received_at: Date;
  /** When it was known to be them (the organisation's word, or the code they entered). */
  verified_at: Date | null;
  deadline_at: Date;
  created_at: Timestamp;
  completed_at: NullableTimestamp;
  /** What was done, in a sentence, once done. */
  outcome: Generated<string | null>;
  due_soon_notified_at: Generated<Date | null>;
  overdue_notified_at: Generated<Date | null>;
}

/** What an erasure removed, signed (Ed25519) over `signed_payload`. */
export interface ErasureReceiptsTable {
  id: string;
  account_id: string;
  privacy_request_id: string;
  channel: 'sms' | 'email' | 'push';
  identifier_hash: string;
  counts: Json<Record<string, number>>;
  /** Who else was told, and what was asked of them (ADR 35); `[]` on receipts from before. */
  propagation: Json<Propagation[]>;
  completed_at: Date;
  signed_payload: string;
  signature: string;
}

export type PrivacyRequestRow = Selectable<PrivacyRequestsTable>;
export type ErasureReceiptRow = Selectable<ErasureReceiptsTable>;
