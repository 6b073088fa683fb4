import type { ProviderStatusUpdate } from '../messages/delivery.service.js';
import { type DeliveryErrorCode, deliveryErrors } from '../platform/errors/error-codes.js';

/**
 * Twilio's `ErrorCode` on an undelivered or failed message → Herald's delivery error code.
 * https://www.twilio.com/docs/api/errors (30003 unreachable handset, 30005 unknown handset,
 * 30006 landline or unreachable carrier, 30007 carrier filtering). Twilio's own code is kept
 * as the message's `provider_error_code`.
 */
const TWILIO_DELIVERY_ERRORS: Record<string, DeliveryErrorCode> = {
  '30003': 'recipient_unreachable',
  '30005': 'invalid_recipient',
  '30006': 'invalid_recipient',
  '30007': 'carrier_filtered',
};

/**
 * A Twilio status callback → the status change it reports, or null for statuses that change
 * nothing Herald tracks (`queued`, `accepted`, `sending`, `scheduled`, `read`, …): Herald's own
 * worker already recorded those steps.
 */
export function twilioStatusUpdate(
  status: string,
  errorCode: string | undefined,
): ProviderStatusUpdate | null {
  if (status === 'sent' || status === 'delivered') return { status };
  if (status !== 'undelivered' && status !== 'failed') return null;
  const code = errorCode?.trim() || undefined;
  const mapped = (code && TWILIO_DELIVERY_ERRORS[code]) || 'delivery_failed';
  return {
    status,
    errorCode: mapped,
    errorMessage: code
      ? `${deliveryErrors[mapped]} (Twilio error ${code})`
      : deliveryErrors[mapped],
    providerErrorCode: code ?? null,
  };
}
