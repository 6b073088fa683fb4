import type { ProviderStatusUpdate } from '../messages/delivery.service.js';
import { deliveryErrors } from '../platform/errors/delivery-errors.js';
import type { MessageStatus } from '../platform/stores/usage.schema.js';
import { deliveryErrorOfTwilioReceipt } from './twilio-error-codes.js';

/** A message's status in Twilio's words (its resource's `status`, a callback's `MessageStatus`). */
export type TwilioMessageStatus =
  | 'accepted'
  | 'scheduled'
  | 'canceled'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'delivered'
  | 'undelivered'
  | 'receiving'
  | 'received'
  | 'read'
  | 'partially_delivered';

/**
 * A Herald status as Twilio names it. Herald took Twilio's names, so each passes through; the
 * type is the point: were Herald to add a status Twilio has no word for, this would not compile.
 */
export function twilioStatusOf(status: MessageStatus): MessageStatus & TwilioMessageStatus {
  return status;
}

/**
 * A Twilio status callback → the status change it reports, or null for statuses that change
 * nothing Herald tracks (`queued`, `accepted`, `sending`, `scheduled`, `read`, …): Herald's own
 * worker already recorded those steps. On a failure, Twilio's `ErrorCode` is kept as the
 * message's `provider_error_code`.
 */
export function twilioStatusUpdate(
  status: string,
  errorCode: string | undefined,
): ProviderStatusUpdate | null {
  if (status === 'sent' || status === 'delivered') return { status };
  if (status !== 'undelivered' && status !== 'failed') return null;
  const code = errorCode?.trim() || undefined;
  const mapped = deliveryErrorOfTwilioReceipt(code);
  return {
    status,
    errorCode: mapped,
    errorMessage: code
      ? `${deliveryErrors[mapped]} (Twilio error ${code})`
      : deliveryErrors[mapped],
    providerErrorCode: code ?? null,
  };
}
