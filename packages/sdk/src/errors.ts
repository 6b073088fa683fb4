/** What an error knows about the request that failed. */
export type HeraldErrorFields = {
  code: string;
  status?: number;
  requestId?: string;
  param?: string;
  cause?: unknown;
};

/**
 * Every error the SDK throws. `code` is Herald's stable error code (`recipient_suppressed`,
 * `rate_limited`…; see docs/errors.md), or `connection_error` / `timeout` when no answer came.
 *
 * @example
 * try {
 *   await herald.messages.send({ channel: 'sms', to: '+14155550100', body: 'Hi' });
 * } catch (error) {
 *   if (error instanceof HeraldError) console.error(error.code, error.requestId);
 * }
 */
export class HeraldError extends Error {
  override readonly name: string = 'HeraldError';
  /** Herald's error code. */
  readonly code: string;
  /** The HTTP status, when Herald answered. */
  readonly status: number | undefined;
  /** The `X-Request-Id` of the failed request: quote it when asking for help. */
  readonly requestId: string | undefined;
  /** The request field at fault, as a dotted path (`metadata.plan`), when there is one. */
  readonly param: string | undefined;

  constructor(message: string, fields: HeraldErrorFields) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.code = fields.code;
    this.status = fields.status;
    this.requestId = fields.requestId;
    this.param = fields.param;
  }
}

/** 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends HeraldError {
  override readonly name = 'AuthenticationError';
}
/** 403: the key's scope does not allow this, or the account may not do it now. */
export class PermissionError extends HeraldError {
  override readonly name = 'PermissionError';
}
/** 404 (or 410 for content that is gone): no such object in this account. */
export class NotFoundError extends HeraldError {
  override readonly name = 'NotFoundError';
}
/** 400, 413, 415 or 422: the request is invalid; `param` names the field. */
export class ValidationError extends HeraldError {
  override readonly name = 'ValidationError';
}
/** 409: the object is not in a state that allows this, or the same request is still running. */
export class ConflictError extends HeraldError {
  override readonly name = 'ConflictError';
}
/**
 * 429: too many sends or reads (`rate_limited`), or too many failed authentications from this
 * network (`auth_throttled`); `retryAfter` says when to try again.
 */
export class RateLimitError extends HeraldError {
  override readonly name = 'RateLimitError';
  /** Seconds to wait, from `Retry-After`. */
  readonly retryAfter: number | undefined;
  constructor(message: string, fields: HeraldErrorFields & { retryAfter?: number }) {
    super(message, fields);
    this.retryAfter = fields.retryAfter;
  }
}
/** 5xx: Herald (or something in front of it) failed; the SDK has already retried. */
export class ServerError extends HeraldError {
  override readonly name = 'ServerError';
}
/** No answer: the connection failed (the SDK has already retried where that is safe). */
export class ConnectionError extends HeraldError {
  override readonly name: string = 'ConnectionError';
}
/** No answer within `timeout`. */
export class TimeoutError extends ConnectionError {
  override readonly name = 'TimeoutError';
}
/** `webhooks.verify` refused a delivery: missing headers, stale timestamp or wrong signature. */
export class WebhookVerificationError extends HeraldError {
  override readonly name = 'WebhookVerificationError';
}

/** The error for an HTTP answer, by its status. */
export function errorForStatus(
  status: number,
  message: string,
  fields: HeraldErrorFields & { retryAfter?: number },
): HeraldError {
  if (status === 401) return new AuthenticationError(message, fields);
  if (status === 403) return new PermissionError(message, fields);
  if (status === 404 || status === 410) return new NotFoundError(message, fields);
  if (status === 409) return new ConflictError(message, fields);
  if (status === 429) return new RateLimitError(message, fields);
  if (status >= 500) return new ServerError(message, fields);
  if (status >= 400) return new ValidationError(message, fields);
  return new HeraldError(message, fields);
}
