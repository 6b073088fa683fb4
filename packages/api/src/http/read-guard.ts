import {
  type BestEffort,
  type RateLimitDecision,
  type ReadRateLimiter,
  readRateLimitedError,
} from '@herald/core';
import type { RequestHandler, Response } from 'express';
import { context } from './request-context.js';

const READS = new Set(['GET', 'HEAD']);

/** Where the caller stands, on every answer (draft-ietf-httpapi-ratelimit-headers). */
export function setRateLimitHeaders(res: Response, decision: RateLimitDecision): void {
  res.set({
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  });
}

/**
 * Reads by an API key or a console user, limited apart from sends (see ReadRateLimiter), with
 * the same headers sends carry and `429 rate_limited` with `Retry-After` past the limit. Reads
 * do not need Redis otherwise, so while it does not answer they go through, reported.
 */
export function readGuard(limiter: ReadRateLimiter, bestEffort: BestEffort): RequestHandler {
  return async (req, res, next) => {
    const { principal, requestId } = context(res);
    if (!principal || !READS.has(req.method)) return next();
    let decision: RateLimitDecision;
    try {
      decision = await limiter.take(principal);
    } catch (error) {
      bestEffort.failed('read_rate_limit', error, { requestId });
      return next();
    }
    setRateLimitHeaders(res, decision);
    if (!decision.allowed) throw readRateLimitedError(decision);
    next();
  };
}
