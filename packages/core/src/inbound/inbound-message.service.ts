import type { Kysely } from 'kysely';
import { DEFAULT_HELP_TEXT } from '../accounts/account.service.js';
import { findAccount } from '../accounts/account.store.js';
import type { MessageIdentifiers } from '../messages/message-identifiers.js';
import { normalizeRecipient } from '../messages/message-rules.js';
import { countSmsSegments } from '../messages/sms-segments.js';
import type { ContentVault } from '../platform/content/content-vault.js';
import type { TransientContentStore } from '../platform/content/transient-content.js';
import { newId } from '../platform/ids.js';
import type { BestEffort } from '../platform/observability/best-effort.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import { findRetentionPolicy, storesContent } from '../privacy/retention/retention-policy.js';
import type { PhoneNumberService } from '../senders/phone-number.service.js';
import type { IdentifierHasher } from '../suppressions/identifier-hasher.js';
import type { SuppressionService } from '../suppressions/suppression.service.js';
import { type InboundKeyword, keywordOf } from './inbound-keywords.js';
import { findInboundByProviderId, insertInboundMessage } from './inbound-message.store.js';

/** An SMS an end user sent to one of the organisations' numbers. */
export type InboundSms = {
  provider: string;
  /** The provider's id (Twilio's MessageSid): a retried webhook with the same id is stored once. */
  providerMessageId: string | null;
  /** The organisation's number that was texted. */
  to: string;
  /** The end user. */
  from: string;
  body: string;
};

export type InboundOutcome =
  /** No organisation owns the number; `numberFingerprint` names it in logs without revealing it. */
  | { routed: false; numberFingerprint: string }
  | {
      routed: true;
      accountId: string;
      /** Null when the sender is restricted: nothing was stored, forwarded or answered. */
      messageId: string | null;
      keyword: InboundKeyword | null;
      /** What to text back (HELP), or null for no reply. */
      reply: string | null;
    };

export type InboundMessageDeps = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  vault: ContentVault;
  numbers: PhoneNumberService;
  suppressions: SuppressionService;
  hasher: IdentifierHasher;
  /** Seals the end user's number before the row is written (ADR 38). */
  identifiers: MessageIdentifiers;
  /** Where an inbound text waits for its webhooks when the account keeps no content. */
  transient: TransientContentStore;
  /** Restricted end users (privacy requests): their texts are not processed at all. */
  restrictions: InboundRestrictions;
  /** Told when the content of a text that was not stored cannot be removed again. */
  bestEffort: BestEffort;
};

/** Whether a sender is restricted; an opt-out from one is remembered for when it is lifted. */
export type InboundRestrictions = {
  holdsInbound(accountId: string, from: string, optOut: boolean): Promise<boolean>;
};

/**
 * Inbound SMS: routed to the organisation that holds the number verified, stored like an outbound
 * message (metadata in the usage store, the body encrypted in the content store, so the same
 * retention applies), and acted on when it is a keyword: STOP and its kin suppress the sender,
 * START lifts that, HELP is answered with the organisation's help text.
 */
export class InboundMessageService {
  constructor(private readonly deps: InboundMessageDeps) {}

  async receive(sms: InboundSms): Promise<InboundOutcome> {
    const to = normalizeRecipient('sms', sms.to);
    const from = normalizeRecipient('sms', sms.from);
    const keyword = keywordOf(sms.body);
    // Only the organisation that holds the number verified hears from it (ADR 15).
    const accountId = await this.deps.numbers.ownerOf(to);
    if (!accountId) {
      // Nothing is stored or forwarded, but a STOP is a promise about the number: it is kept
      // for the number and for everyone who sent from it (START undoes the number's part).
      if (keyword === 'opt_out') await this.deps.suppressions.optOutAtNumber(to, from, null);
      if (keyword === 'opt_in') await this.deps.suppressions.optInAtNumber(to, from, null);
      return { routed: false, numberFingerprint: await this.deps.hasher.fingerprint(to) };
    }

    // A restricted end user's processing stops: nothing stored, forwarded, acted on or
    // answered; their opt-out is remembered by the restriction, and still kept for the number.
    if (await this.deps.restrictions.holdsInbound(accountId, from, keyword === 'opt_out')) {
      if (keyword === 'opt_out') await this.deps.suppressions.optOutAtNumber(to, from, null);
      return { routed: true, accountId, messageId: null, keyword, reply: null };
    }
    // The opt-out is honoured first: it matters more than keeping a copy of the message.
    if (keyword === 'opt_out') await this.deps.suppressions.optOutAtNumber(to, from, accountId);
    if (keyword === 'opt_in') await this.deps.suppressions.optInAtNumber(to, from, accountId);

    const messageId = await this.store(accountId, { ...sms, to, from });
    const reply = keyword === 'help' ? await this.helpText(accountId) : null;
    return { routed: true, accountId, messageId, keyword, reply };
  }

  /** Stores the message once per provider id; returns its id (the first one's, on a retry). */
  private async store(accountId: string, sms: InboundSms): Promise<string> {
    if (sms.providerMessageId) {
      const seen = await findInboundByProviderId(this.deps.usage, accountId, sms.providerMessageId);
      if (seen) return seen.id;
    }
    const id = newId('msg');
    // Inbound texts obey the account's no-store setting like sends do.
    const storeContent = storesContent(await findRetentionPolicy(this.deps.account, accountId));
    // Content first, like a send: a usage row never points at content that was not written.
    if (storeContent)
      await this.deps.vault.store(accountId, id, { channel: 'sms', body: sms.body });
    else await this.deps.transient.put(accountId, id, { channel: 'sms', body: sms.body });
    try {
      // The sender is the end user: written only sealed, beside its keyed hash (ADR 38).
      const sealed = await this.deps.identifiers.seal({
        direction: 'inbound',
        id,
        account_id: accountId,
        channel: 'sms',
        recipient: sms.to,
        sender: sms.from,
        status: 'received',
        error_code: null,
        error_message: null,
        provider: sms.provider,
        provider_message_id: sms.providerMessageId,
        status_callback: null,
        metadata: '{}',
        content_stored: storeContent,
        sent_at: null,
        segments: countSmsSegments(sms.body).segments,
      });
      const row = await this.deps.usage
        .transaction()
        .execute((tx) => insertInboundMessage(tx, sealed));
      if (row) return row.id;
    } catch (error) {
      if (storeContent)
        await this.deps.bestEffort.attempt(
          'content_cleanup',
          this.deps.vault.remove(accountId, id),
          { accountId, messageId: id },
        );
      throw error;
    }
    // A concurrent retry of the same webhook won the insert: keep its copy only.
    await this.deps.vault.remove(accountId, id);
    const winner = await findInboundByProviderId(
      this.deps.usage,
      accountId,
      sms.providerMessageId!,
    );
    return winner!.id;
  }

  private async helpText(accountId: string): Promise<string> {
    const account = await findAccount(this.deps.account, accountId);
    return account?.help_text ?? DEFAULT_HELP_TEXT;
  }
}
