import { HeraldError, isValidTwilioSignature, twilioRequestUrl } from '@herald/core';
import type { RequestHandler } from 'express';

export type TwilioSignatureOptions = {
  /** The auth tokens of every Twilio account that may call (the primary and a backup). */
  authTokens: readonly string[];
  /** HERALD_PUBLIC_URL: Twilio signs the URL it called, which is this plus the path and query. */
  publicUrl: string;
};

/**
 * Checks `X-Twilio-Signature` (core's implementation of Twilio's algorithm) against the URL
 * Twilio called, query included, and the posted fields, with each account's auth token.
 * Missing → 400, wrong (or no token configured) → 403. The form must be parsed first.
 */
export function requireTwilioSignature(options: TwilioSignatureOptions): RequestHandler {
  return (req, _res, next) => {
    const signature = req.get('x-twilio-signature');
    if (!signature) throw new HeraldError('twilio_signature_missing');
    const url = twilioRequestUrl(options.publicUrl, req.originalUrl);
    const params = (req.body ?? {}) as Record<string, unknown>;
    if (!isValidTwilioSignature(options.authTokens, signature, url, params))
      throw new HeraldError('twilio_signature_invalid');
    next();
  };
}
