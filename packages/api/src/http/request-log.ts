import type { Logger } from '@herald/core';
import type { RequestHandler } from 'express';
import { context } from './request-context.js';

/**
 * One line per request. It names the operation, never the URL: a query string can carry a
 * recipient (`?to=+1415...`), and logs must not.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ctx = context(res);
      logger.info(
        {
          requestId: ctx.requestId,
          method: req.method,
          operation: ctx.operationId ?? 'unmatched',
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          accountId: ctx.principal?.accountId,
        },
        'request',
      );
    });
    next();
  };
}
