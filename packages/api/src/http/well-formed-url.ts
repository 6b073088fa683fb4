import { HeraldError } from '@herald/core';
import type { RequestHandler } from 'express';
import { percentEncodingProblem } from './request-text.js';

/**
 * Refuses a URL whose path or query string does not decode to text: a malformed escape (`%`,
 * `%E0%A4%A`), bytes that are not UTF-8 (`%FF`), or a NUL. Checked once, before any router:
 * Express would otherwise throw while matching a path parameter (a 500), the query parser
 * would quietly turn bad bytes into U+FFFD, and a NUL would reach PostgreSQL (a 500 again).
 */
export const wellFormedUrl: RequestHandler = (req, _res, next) => {
  const url = req.originalUrl;
  const mark = url.indexOf('?');
  const pathProblem = percentEncodingProblem(mark < 0 ? url : url.slice(0, mark), false);
  if (pathProblem) throw new HeraldError('malformed_url', { param: 'path', reason: pathProblem });
  const queryProblem = mark < 0 ? undefined : percentEncodingProblem(url.slice(mark + 1), true);
  if (queryProblem)
    throw new HeraldError('malformed_url', { param: 'query', reason: queryProblem });
  next();
};
