/*
 * Where Twilio calls Herald back. The worker hands Twilio these URLs, the devkit's local Twilio
 * posts to them, and the API rebuilds them to check a signature: Twilio signs the exact URL it
 * called, so all three must spell it the same way.
 */

/** Delivery receipts: `?message_id=` names Herald's message. */
export const TWILIO_STATUS_PATH = '/v1/providers/twilio/status';
/** Twilio's "a message comes in" webhook, set on each number. */
export const TWILIO_INBOUND_PATH = '/v1/providers/twilio/inbound';

/**
 * The `StatusCallback` of one message. It names Herald's own id, so a receipt lands even when it
 * overtakes the worker recording Twilio's SID.
 */
export function twilioStatusCallbackUrl(publicUrl: string, messageId: string): string {
  return `${base(publicUrl)}${TWILIO_STATUS_PATH}?message_id=${encodeURIComponent(messageId)}`;
}

/** The URL to give a number as its incoming-message webhook. */
export function twilioInboundUrl(publicUrl: string): string {
  return `${base(publicUrl)}${TWILIO_INBOUND_PATH}`;
}

/**
 * The URL Twilio called (and signed) for a request that reached Herald as `pathAndQuery`
 * (Express's `originalUrl`, as received): Herald's public URL, since a proxy in front may
 * change the scheme, host and port the server sees.
 */
export function twilioRequestUrl(publicUrl: string, pathAndQuery: string): string {
  return `${base(publicUrl)}${pathAndQuery}`;
}

function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}
