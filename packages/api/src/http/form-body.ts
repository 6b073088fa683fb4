import { isUtf8 } from 'node:buffer';
import { HeraldError } from '@herald/core';
import express, { type RequestHandler } from 'express';
import { hasBody, percentEncodingProblem, refuseForeignCharset } from './request-text.js';

const parseForm = express.urlencoded({
  // Twilio's fields are flat; `extended` would turn `a[b]=c` into nested objects.
  extended: false,
  limit: '64kb',
  parameterLimit: 200,
  // The same text rules as JSON bodies: UTF-8, escapes that decode to UTF-8, no NUL. The
  // parser itself would turn a bad escape into U+FFFD and keep a NUL.
  verify: (_req, _res, buffer) => {
    const problem = !isUtf8(buffer)
      ? 'it is not valid UTF-8'
      : buffer.includes(0)
        ? 'it contains a NUL'
        : percentEncodingProblem(buffer.toString('utf8'), true);
    if (problem) throw new HeraldError('malformed_body', { reason: problem });
  },
});

/**
 * For the provider routes that receive forms (Twilio posts `application/x-www-form-urlencoded`);
 * every other route takes JSON only.
 */
export const formBody: RequestHandler = (req, res, next) => {
  if (hasBody(req)) {
    if (!req.is('application/x-www-form-urlencoded'))
      throw new HeraldError('unsupported_media_type', {
        detail: 'Send the body form-encoded (`Content-Type: application/x-www-form-urlencoded`).',
      });
    refuseForeignCharset(req);
  }
  parseForm(req, res, next);
};
