import type { DeliveryErrorCode } from '../platform/errors/delivery-errors.js';
import type {
  ChannelName,
  SuppressionReason,
  SuppressionRow,
} from '../platform/stores/usage.schema.js';

export type { SuppressionReason };

/** A recipient Herald will not send to; only its masked form is ever shown. */
export type Suppression = {
  id: string;
  accountId: string;
  channel: ChannelName;
  identifierMasked: string;
  reason: SuppressionReason;
  createdAt: Date;
};

export function toSuppression(row: SuppressionRow): Suppression {
  return {
    id: row.id,
    accountId: row.account_id,
    channel: row.channel,
    identifierMasked: row.identifier_masked,
    reason: row.reason,
    createdAt: row.created_at,
  };
}

/**
 * Which failures at send time mean "never try this recipient again": a mailbox the mail server
 * says does not exist, a push token FCM no longer knows or calls invalid (Herald checks the
 * payload before sending, so FCM's INVALID_ARGUMENT is about the token), a number that texted
 * STOP to the sender (Twilio 21610). Everything else may work next time.
 */
export function suppressionReasonFor(
  channel: ChannelName,
  code: DeliveryErrorCode,
): SuppressionReason | null {
  if (channel === 'email' && code === 'invalid_recipient') return 'bounce';
  if (channel === 'push' && (code === 'push_token_unregistered' || code === 'invalid_recipient'))
    return 'unregistered';
  if (channel === 'sms' && code === 'recipient_unsubscribed') return 'opt_out';
  return null;
}
