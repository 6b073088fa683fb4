import { isUtf8 } from 'node:buffer';
import { HeraldError } from '@herald/core';
import express, { type RequestHandler } from 'express';

const parseForm = express.urlencoded({
  // Twilio's fields are flat; `extended` would turn `a[b]=c` into nested objects.
  extended: false,
  limit: '64kb',
  parameterLimit: 200,
  verify: (_req, _res, buffer) => {
    if (!isUtf8(buffer))
      throw Object.assign(new Error('invalid UTF-8'), { type: 'entity.verify.failed' });
  },
});

/**
 * For the provider routes that receive forms (Twilio posts `application/x-www-form-urlencoded`);
 * every other route takes JSON only.
 */
export const formBody: RequestHandler = (req, res, next) => {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/x-www-form-urlencoded'))
    throw new HeraldError('unsupported_media_type', {
      detail: 'Send the body form-encoded (`Content-Type: application/x-www-form-urlencoded`).',
    });
  parseForm(req, res, next);
};
