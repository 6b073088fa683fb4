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
  'parameters.too.many': 'payload_too_large',
  'encoding.unsupported': 'unsupported_media_type',
  'charset.unsupported': 'unsupported_media_type',
  'request.size.invalid': 'malformed_body',
  'request.aborted': 'malformed_body',
};

type ClientError = {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
  charset?: string;
  encoding?: string;
};

/** What the client got wrong, in its words; undefined leaves the registry's detail. */
function detailOf(error: ClientError): string | undefined {
  switch (error.type) {
    case 'parameters.too.many':
      return 'The form has more fields than the API accepts (200). Send only the fields of the request.';
    case 'charset.unsupported':
      return `The charset \`${error.charset}\` is not supported: send the body as UTF-8.`;
    case 'encoding.unsupported':
      return `The \`Content-Encoding\` \`${error.encoding}\` is not supported: send the body uncompressed, or as gzip, deflate or br.`;
    default:
      return undefined;
  }
}

/**
 * A mistake of the client's that a library reported with its own error: body-parser's, by
 * type; a body that does not decode as its `Content-Encoding` says (zlib's error, which
 * body-parser marks 400 and exposes); a path the router could not decode. Undefined for
 * anything else, which is ours.
 */
function clientErrorOf(error: unknown): HeraldError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as ClientError;
  if (typeof e.type === 'string' && e.type in bodyParserErrors)
    return new HeraldError(bodyParserErrors[e.type]!, { detail: detailOf(e) });
  if (error instanceof URIError)
    return new HeraldError('malformed_url', {
      param: 'path',
      reason: 'it has a malformed percent-escape',
    });
  if (e.expose === true && e.status === 400)
    return new HeraldError('malformed_body', {
      reason: 'it does not decode as its `Content-Encoding` says, or it was cut off',
    });
  return undefined;
}

/** Maps anything thrown to a problem document; only the unexpected is logged as an error. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    sendProblem(res, toHeraldError(error, logger, res));
  };
}

export function toHeraldError(error: unknown, logger: Logger, res: Response): HeraldError {
  if (isHeraldError(error)) return error;
  const client = clientErrorOf(error);
  if (client) return client;
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
