import type {
  ChannelName,
  MessageCategory,
  MessageRow,
  MessageStatus,
} from '../platform/stores/usage.schema.js';
import type { MessageContent } from './message-content.js';
import { anonymousIdentifier } from './message-identifiers.js';

export type { ChannelName, MessageCategory, MessageStatus };

export const channels: readonly ChannelName[] = ['sms', 'email', 'push'];

/** A message as the domain sees it: usage data only; content lives in the content store. */
export type Message = {
  id: string;
  accountId: string;
  channel: ChannelName;
  direction: 'outbound' | 'inbound';
  to: string;
  from: string | null;
  status: MessageStatus;
  errorCode: string | null;
  errorMessage: string | null;
  provider: string | null;
  providerMessageId: string | null;
  statusCallback: string | null;
  metadata: Record<string, string>;
  contentStored: boolean;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  sendAt: Date | null;
  expiresAt: Date | null;
  providerErrorCode: string | null;
  /** The SMS segments it is sent (or was received) as; null for email and push. */
  segments: number | null;
  /** Marketing is refused to end users who left it, and carries one-click unsubscribe. */
  category: MessageCategory;
  /** One of the account's topics, whose opt-outs it honours. */
  topic: string | null;
  /** Channel fallback: the chain's first message and this one's place in it (0 first). */
  chainId: string | null;
  chainStep: number | null;
  /** The template it was rendered from, or null for literal content. */
  template: MessageTemplateRef | null;
};

/** A template as a message used it: which one, its version, and the locale whose parts it took. */
export type MessageTemplateRef = { id: string; version: number; locale: string };

export type MessageEvent = {
  messageId: string;
  status: MessageStatus;
  errorCode: string | null;
  createdAt: Date;
};

/** What a caller asks to send; validated against the spec before it gets here. */
export type SendMessageInput = {
  to: string;
  /** As the caller wrote it: the SenderCheck parses it once, and only its result is kept. */
  from?: string;
  /** Email only, checked like `from`. */
  replyTo?: string;
  statusCallback?: string;
  metadata?: Record<string, string>;
  /** Send later: the message is `scheduled` until then. */
  sendAt?: Date;
  /** Seconds it may wait for a provider before it ends `failed` with `validity_expired`. */
  validityPeriod?: number;
  /** `none`: no-store mode for this message (ADR 7). */
  contentRetention?: 'stored' | 'none';
  /** `high`: goes ahead of its sender's paced backlog (ADR 28). */
  priority?: 'high' | 'normal';
  /** `transactional` when left out. */
  category?: MessageCategory;
  /** One of the account's topics (issue 16). */
  topic?: string;
  /**
   * Channel fallback: the steps tried after this message when it is not delivered, each its
   * own message, sent `afterSeconds` after the step before it unless an earlier one was
   * delivered by then.
   */
  fallback?: Array<{ afterSeconds: number; message: SendMessageInput }>;
  /** The template its content was rendered from. */
  template?: MessageTemplateRef;
  content: MessageContent;
};

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    accountId: row.account_id,
    channel: row.channel,
    direction: row.direction,
    // A row not revealed (MessageIdentifiers) shows what its data key's destruction would.
    to: row.recipient ?? anonymousIdentifier(row.identifier_hash ?? ''),
    from: row.sender,
    status: row.status,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    provider: row.provider,
    providerMessageId: row.provider_message_id,
    statusCallback: row.status_callback,
    metadata: row.metadata,
    contentStored: row.content_stored,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    sendAt: row.send_at,
    expiresAt: row.expires_at,
    providerErrorCode: row.provider_error_code,
    segments: row.segments,
    // Rows written before categories existed read as transactional.
    category: row.category ?? 'transactional',
    topic: row.topic ?? null,
    chainId: row.chain_id ?? null,
    chainStep: row.chain_step ?? null,
    template:
      row.template_id && row.template_version !== null && row.template_locale
        ? { id: row.template_id, version: row.template_version, locale: row.template_locale }
        : null,
  };
}
