import { HeraldError } from '@herald/core';
import type { RequestHandler } from 'express';
import twilio from 'twilio';

export type TwilioSignatureOptions = {
  /** The auth tokens of every Twilio account that may call (the primary and a backup). */
  authTokens: readonly string[];
  /** HERALD_PUBLIC_URL: Twilio signs the URL it called, which is this plus the path and query. */
  publicUrl: string;
};

/**
 * Checks `X-Twilio-Signature` with the `twilio` package's own validator: an HMAC of the full
 * URL Twilio called (query included) and the posted fields, keyed by the account's auth token.
 * Missing → 400, wrong (or no token configured) → 403. The form must be parsed first.
 */
export function twilioSignature(options: TwilioSignatureOptions): RequestHandler {
  const base = options.publicUrl.replace(/\/+$/, '');
  return (req, _res, next) => {
    const signature = req.get('x-twilio-signature');
    if (!signature) throw new HeraldError('twilio_signature_missing');
    const url = `${base}${req.originalUrl}`;
    const params = (req.body ?? {}) as Record<string, unknown>;
    const valid = options.authTokens.some((token) =>
      twilio.validateRequest(token, signature, url, params),
    );
    if (!valid) throw new HeraldError('twilio_signature_invalid');
    next();
  };
}
