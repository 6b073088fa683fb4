import {
  type ErrorCode,
  HeraldError,
  httpErrors,
  isHeraldError,
  isUnavailableError,
  type Logger,
  safeError,
} from '@herald/core';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { context } from './request-context.js';

/** Writes an RFC 9457 problem document for a HeraldError. */
export function sendProblem(res: Response, error: HeraldError): void {
  if (error.retryAfterSeconds !== undefined)
    res.set('Retry-After', String(error.retryAfterSeconds));
  res
    .status(error.status)
    .type('application/problem+json')
    .json(problemOf(error, context(res).requestId));
}

/** The RFC 9457 document of an error; batch answers embed one per refused message. */
export function problemOf(error: HeraldError, requestId: string) {
  return {
    type: `urn:herald:error:${error.code}`,
    title: httpErrors[error.code].title,
    status: error.status,
    code: error.code,
    detail: error.detail,
    ...(error.param === undefined ? {} : { param: error.param }),
    ...error.extensions,
    request_id: requestId,
  };
}

/** Errors that body-parser raises, by its `type`. */
const bodyParserErrors: Record<string, ErrorCode> = {
  'entity.parse.failed': 'malformed_json',
  'entity.too.large': 'payload_too_large',
  'encoding.unsupported': 'unsupported_media_type',
  'charset.unsupported': 'unsupported_media_type',
  'entity.verify.failed': 'malformed_json',
  'request.size.invalid': 'malformed_json',
};

/** Maps anything thrown to a problem document; only the unexpected is logged as an error. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    sendProblem(res, toHeraldError(error, logger, res));
  };
}

export function toHeraldError(error: unknown, logger: Logger, res: Response): HeraldError {
  if (isHeraldError(error)) return error;
  const type = (error as { type?: unknown }).type;
  if (typeof type === 'string' && type in bodyParserErrors) {
    const detail =
      type === 'entity.verify.failed'
        ? ((error as { detail?: string }).detail ?? 'The request body is not valid UTF-8.')
        : undefined;
    return new HeraldError(bodyParserErrors[type]!, { detail });
  }
  if (isUnavailableError(error)) {
    logger.warn(
      { requestId: context(res).requestId, error: safeError(error) },
      'dependency unavailable',
    );
    return new HeraldError('service_unavailable');
  }
  // The stack without its first line: an error message may quote a value from the request.
  const frames = (error as Error)?.stack?.split('\n').slice(1).join('\n');
  logger.error(
    { requestId: context(res).requestId, error: safeError(error), frames },
    'unexpected error',
  );
  return new HeraldError('internal_error');
}

export const routeNotFound: RequestHandler = () => {
  throw new HeraldError('route_not_found');
};
