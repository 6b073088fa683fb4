import { isUtf8 } from 'node:buffer';
import { HeraldError } from '@herald/core';
import express, { type RequestHandler } from 'express';
import { hasBody, refuseForeignCharset } from './request-text.js';

/** Larger than the 10 MB email limit, so an oversize email gets its own clear error. */
export const MAX_BODY = '12mb';

/** `\u0000` as an escape: preceded by an odd number of backslashes. */
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;
/** A surrogate escape (`\ud83d`): cheap to look for; whether it is paired is checked after parsing. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const HAS_SURROGATE_ESCAPES = Symbol('surrogate escapes');

const malformed = (detail: string) => new HeraldError('malformed_json', { detail });

const parseJson = express.json({
  limit: MAX_BODY,
  verify: (req, _res, buffer) => {
    // body-parser would decode invalid UTF-8 into replacement characters and carry on.
    if (!isUtf8(buffer)) throw malformed('The request body is not valid UTF-8.');
    if (!buffer.includes('\\u')) return;
    const text = buffer.toString('utf8');
    // PostgreSQL cannot store U+0000 in text: refuse it here rather than fail at the insert.
    if (NUL_ESCAPE.test(text))
      throw malformed(
        'A string in the request body contains U+0000 (NUL), which Herald does not accept.',
      );
    if (SURROGATE_ESCAPE.test(text))
      (req as unknown as Record<symbol, boolean>)[HAS_SURROGATE_ESCAPES] = true;
  },
});

/** Requests with a body must send JSON; requests without one pass through untouched. */
export const jsonBody: RequestHandler = (req, res, next) => {
  if (hasBody(req)) {
    if (!req.is('application/json')) throw new HeraldError('unsupported_media_type');
    refuseForeignCharset(req);
  }
  parseJson(req, res, (error?: unknown) => {
    if (error) return next(error);
    // An unpaired surrogate (`"\ud800"`) is valid JSON but not text: UTF-8 cannot carry it, so
    // it would be stored as U+FFFD. Invalid UTF-8 is refused above; this is the same rule.
    if ((req as unknown as Record<symbol, boolean>)[HAS_SURROGATE_ESCAPES] && !wellFormed(req.body))
      return next(
        malformed(
          'A string in the request body contains an unpaired surrogate escape (like `\\ud800`), which is not text.',
        ),
      );
    next();
  });
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether every string (and key) in a parsed JSON value is well-formed UTF-16; no recursion, however deep. */
function wellFormed(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return false;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) pending.push(key, item);
    }
  }
  return true;
}
