import type { Kysely } from 'kysely';
import type { Pacer } from '../pacing/pacer.js';
import type { PaceCaps } from '../pacing/provider-caps.js';
import type { Clock } from '../platform/clock.js';
import type { ContentVault } from '../platform/content/content-vault.js';
import type { HeraldError } from '../platform/errors/herald-error.js';
import type { BestEffort } from '../platform/observability/best-effort.js';
import type { ChannelName, UsageDatabase } from '../platform/stores/usage.schema.js';
import type { PreferenceService } from '../preferences/preference.service.js';
import type { TopicService } from '../preferences/topic.service.js';
import type { UrlGuardOptions } from '../webhooks/webhook-url-guard.js';
import type { DispatchQueues } from './dispatch.job.js';
import type { Message } from './message.js';
import type { SuppressionGuard } from './message.store.js';
import type { MessageIdentifiers } from './message-identifiers.js';

/*
 * What the send path takes and gives, and the checks it is handed (suppressions, senders):
 * the contracts of SendMessageService, apart from how it does its work.
 */

/** The response the route will send, kept verbatim for idempotent replays. */
export type RenderedResponse = { status: number; body: unknown };

export type SendOptions = {
  idempotencyKey?: string;
  /** The API key's mode: a test key may send from a domain whose DNS is not verified yet. */
  mode?: 'live' | 'test';
  /** The account's policy: false (or `content_days` 0) is no-store mode for every message. */
  storeContent?: boolean;
  /** The request as the caller sent it; its hash tells a replay from a reused key. */
  request: unknown;
  render: (message: Message) => RenderedResponse;
};

/** One message of a batch: accepted, or refused with the error it would have got alone. */
export type BatchOutcome = { index: number; message?: Message; error?: HeraldError };

export type BatchOptions = Omit<SendOptions, 'render'> & {
  render: (outcomes: BatchOutcome[]) => RenderedResponse;
};

export type SendResult = RenderedResponse & { replayed: boolean };

/**
 * Answers whether a recipient is on the account's suppression list (one indexed query), or,
 * given the sender, opted out of that sender whoever held it (ADR 15).
 */
export type SuppressionCheck = {
  isSuppressed(
    accountId: string,
    channel: ChannelName,
    recipient: string,
    sender?: string | null,
  ): Promise<boolean>;
  /** The list entry a recipient would have, for checking it within the insert itself. */
  keyOf?(accountId: string, channel: ChannelName, recipient: string): Promise<SuppressionGuard>;
  /** The keyed hashes the check looks up, which the dispatch job carries (ADR 27). */
  lookupOf?(
    accountId: string,
    channel: ChannelName,
    recipient: string,
    sender?: string | null,
  ): Promise<{ key: SuppressionGuard; senderOptOutHash?: string }>;
  /** The check, from the hashes `lookupOf` gave. */
  isSuppressedBy?(lookup: { key: SuppressionGuard; senderOptOutHash?: string }): Promise<boolean>;
};

/** A send's `from` (and `reply_to`) once checked: what is stored, and what the mailer gets. */
export type CheckedSender = {
  /** The normalised sender (a number, an address), or null for the platform's default. */
  sender: string | null;
  fromName?: string;
  replyTo?: { name: string; address: string };
  /** The sender's own throughput cap, where it has one (a number's, a domain's); see pacePlan. */
  perSecond?: number;
};

/** Refuses a sender the account may not use; parses it once, for what is stored and sent. */
export type SenderCheck = {
  check(
    accountId: string,
    channel: ChannelName,
    input: { from?: string; replyTo?: string },
    options?: { mode?: 'live' | 'test' },
  ): Promise<CheckedSender>;
};

export type SendMessageDeps = {
  usage: Kysely<UsageDatabase>;
  senders: SenderCheck;
  vault: ContentVault;
  /** Seals each message's end user before it is written (ADR 38). */
  identifiers: MessageIdentifiers;
  queues: DispatchQueues;
  /** False while the queue's Redis connection is down: refuse before writing anything. */
  queueAvailable: () => boolean;
  suppressions: SuppressionCheck;
  /** The SSRF guard webhook endpoints get, for `status_callback` at accept (delivery checks again). */
  callbackGuard: UrlGuardOptions;
  clock: Clock;
  /** Told when a step the answer does not depend on fails (clean-up, enqueue after commit). */
  bestEffort: BestEffort;
  /** Throughput caps per sender and provider (ADR 28); without it nothing is paced. */
  pacing?: { pacer: Pacer; caps: PaceCaps };
  /** End users' opt-outs of marketing and topics (issue 16); unchecked without it. */
  preferences?: Pick<PreferenceService, 'refusal'>;
  /** The account's topics, which a send's `topic` must be one of. */
  topics?: Pick<TopicService, 'require'>;
  /** The line an account's marketing SMS end with, where it asks for one. */
  smsOptOutLines?: { smsOptOutLine(accountId: string): Promise<string | null> };
};
