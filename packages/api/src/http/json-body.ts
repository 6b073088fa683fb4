import { isUtf8 } from 'node:buffer';
import { HeraldError } from '@herald/core';
import express, { type RequestHandler } from 'express';

/** Larger than the 10 MB email limit, so an oversize email gets its own clear error. */
export const MAX_BODY = '12mb';

/** `\u0000` as an escape: preceded by an odd number of backslashes. */
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

const parseJson = express.json({
  limit: MAX_BODY,
  verify: (_req, _res, buffer) => {
    // body-parser would decode invalid UTF-8 into replacement characters and carry on.
    if (!isUtf8(buffer))
      throw Object.assign(new Error('invalid UTF-8'), { type: 'entity.verify.failed' });
    // PostgreSQL cannot store U+0000 in text: refuse it here rather than fail at the insert.
    if (buffer.includes('u0000') && NUL_ESCAPE.test(buffer.toString('utf8')))
      throw Object.assign(new Error('NUL in a string'), {
        type: 'entity.verify.failed',
        detail: 'A string in the request body contains U+0000 (NUL), which Herald does not accept.',
      });
  },
});

/** Requests with a body must send JSON; requests without one pass through untouched. */
export const jsonBody: RequestHandler = (req, res, next) => {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/json')) throw new HeraldError('unsupported_media_type');
  parseJson(req, res, next);
};
