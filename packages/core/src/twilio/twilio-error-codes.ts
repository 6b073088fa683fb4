import type { Message } from '../messages/message.js';
import type { DeliveryErrorCode } from '../platform/errors/delivery-errors.js';

/*
 * Twilio's error numbers and Herald's delivery error codes, both ways, in one table each way so
 * the worker (refusals at send), the receipts (failures after) and the Twilio-compatible API
 * (Herald's failures shown as Twilio's) agree. https://www.twilio.com/docs/api/errors
 */

/**
 * Twilio's `ErrorCode` on an undelivered or failed message: 30003 unreachable handset, 30005
 * unknown handset, 30006 landline or unreachable carrier, 30007 carrier filtering. Any other is
 * `delivery_failed`.
 */
const RECEIPT_ERRORS: Record<string, DeliveryErrorCode> = {
  '30003': 'recipient_unreachable',
  '30005': 'invalid_recipient',
  '30006': 'invalid_recipient',
  '30007': 'carrier_filtered',
};

/** The delivery errors a send Twilio refuses can end in because of the recipient. */
export type TwilioRefusal = Extract<
  DeliveryErrorCode,
  'invalid_recipient' | 'recipient_unsubscribed'
>;

/**
 * Twilio's refusals of a send that no retry can change: the number is invalid, unreachable by
 * SMS, not a mobile or missing (21211, 21612, 21614, 21604), or its owner opted out (21610).
 */
const SEND_REFUSALS: Record<number, TwilioRefusal> = {
  21211: 'invalid_recipient',
  21612: 'invalid_recipient',
  21614: 'invalid_recipient',
  21604: 'invalid_recipient',
  21610: 'recipient_unsubscribed',
};

/** Herald's delivery failures under the numbers Twilio reports for the same cause. */
const TWILIO_NUMBERS: Partial<Record<DeliveryErrorCode, number>> = {
  invalid_recipient: 21211,
  recipient_unsubscribed: 21610,
  recipient_suppressed: 21610,
  validity_expired: 30001,
  recipient_unreachable: 30003,
  carrier_filtered: 30007,
};

/** 30008, Twilio's "Unknown error": what a failure with no better number is shown as. */
const UNKNOWN_ERROR = 30008;

/** The delivery error a status callback's `ErrorCode` (trimmed, maybe absent) stands for. */
export function deliveryErrorOfTwilioReceipt(errorCode: string | undefined): DeliveryErrorCode {
  return (errorCode && RECEIPT_ERRORS[errorCode]) || 'delivery_failed';
}

/** The delivery error a refused send's Twilio code stands for, when it is about the recipient. */
export function deliveryErrorOfTwilioRefusal(code: number): TwilioRefusal | undefined {
  return SEND_REFUSALS[code];
}

/**
 * A message's failure as Twilio's error number: Twilio's own when Twilio (Herald's provider)
 * gave one, the most faithful answer; else the number for the same cause; null when it did not
 * fail.
 */
export function twilioErrorCodeOf(
  message: Pick<Message, 'provider' | 'providerErrorCode' | 'errorCode'>,
): number | null {
  if (message.provider?.startsWith('twilio') && /^\d+$/.test(message.providerErrorCode ?? ''))
    return Number(message.providerErrorCode);
  if (!message.errorCode) return null;
  return TWILIO_NUMBERS[message.errorCode as DeliveryErrorCode] ?? UNKNOWN_ERROR;
}
