import type { Kysely } from 'kysely';
import { findByProviderMessageId } from '../inbound/inbound-message.store.js';
import { deliveryErrors } from '../platform/errors/delivery-errors.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import type { SuppressionService } from '../suppressions/suppression.service.js';
import { twilioStatusUpdate } from '../twilio/twilio-status.js';
import type { DeliveryService } from './delivery.service.js';
import { normalizeRecipient } from './message-rules.js';

export type TwilioStatusCallback = {
  /** Herald's id, from the callback URL Herald gave Twilio; else found by `messageSid`. */
  messageId?: string;
  messageSid: string;
  messageStatus: string;
  errorCode?: string;
};

export type TwilioStatusOutcome = 'recorded' | 'ignored' | 'unknown_message';

/** A bounce or complaint the email provider reports (the spec's EmailProviderEvent). */
export type EmailEvent = {
  type: 'bounce' | 'complaint';
  email: string;
  providerMessageId?: string;
  bounceType?: 'permanent' | 'transient';
  diagnostic?: string;
};

/**
 * What providers report after the send: delivery receipts, bounces and complaints. Status
 * changes go through DeliveryService, so they only move forward and each writes the event the
 * webhook engine forwards; recipients that can never be reached are suppressed.
 */
export class ProviderCallbackService {
  constructor(
    private readonly deps: {
      usage: Kysely<UsageDatabase>;
      delivery: DeliveryService;
      suppressions: SuppressionService;
    },
  ) {}

  async twilioStatus(callback: TwilioStatusCallback): Promise<TwilioStatusOutcome> {
    const update = twilioStatusUpdate(callback.messageStatus, callback.errorCode);
    const messageId =
      callback.messageId ??
      (await findByProviderMessageId(this.deps.usage, 'sms', [callback.messageSid]))?.id;
    if (!messageId) return 'unknown_message';
    if (!update) return 'ignored';
    const message = await this.deps.delivery.recordProviderStatus(messageId, update);
    return message ? 'recorded' : 'unknown_message';
  }

  /**
   * A permanent bounce suppresses the address and marks the email `undelivered`
   * (`email_bounced`); a complaint suppresses it; a transient bounce changes nothing. The
   * account is the one of the message the event names: without a known message, 404.
   */
  async emailEvent(event: EmailEvent): Promise<void> {
    const message = event.providerMessageId
      ? await findByProviderMessageId(
          this.deps.usage,
          'email',
          messageIdForms(event.providerMessageId),
        )
      : undefined;
    if (!message) throw new HeraldError('message_not_found', { param: 'provider_message_id' });
    // What is suppressed is the address the message went to, never another one the event names:
    // an event must not turn one message's bounce into an opt-out of someone else.
    const address = normalizeRecipient('email', event.email);
    const matches = message.identifier_hash
      ? (await this.deps.suppressions.keyOf(message.account_id, 'email', address)).hash ===
        message.identifier_hash
      : address === message.recipient;
    if (!matches)
      throw new HeraldError('invalid_value', {
        param: 'email',
        reason: 'it is not the address of the message the event names',
      });

    if (event.type === 'complaint') {
      await this.deps.suppressions.suppress(message.account_id, 'email', event.email, 'complaint');
      return;
    }
    if ((event.bounceType ?? 'permanent') !== 'permanent') return;
    await this.deps.suppressions.suppress(message.account_id, 'email', event.email, 'bounce');
    await this.deps.delivery.recordProviderStatus(message.id, {
      status: 'undelivered',
      errorCode: 'email_bounced',
      errorMessage: deliveryErrors.email_bounced,
      providerErrorCode: smtpCodeOf(event.diagnostic),
    });
  }
}

/** A Message-ID is written `<id@host>` but providers quote it with or without the brackets. */
function messageIdForms(id: string): string[] {
  const bare = id.trim().replace(/^<(.*)>$/, '$1');
  return [bare, `<${bare}>`];
}

/**
 * The SMTP code in a bounce's diagnostic (`550 5.1.1 <ada@example.com>: no such user` →
 * `5.1.1`, else `550`). Only the code is kept: the text quotes the address.
 */
function smtpCodeOf(diagnostic: string | undefined): string | null {
  if (!diagnostic) return null;
  return (
    /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(diagnostic)?.[1] ??
    /\b([245]\d\d)\b/.exec(diagnostic)?.[1] ??
    null
  );
}
