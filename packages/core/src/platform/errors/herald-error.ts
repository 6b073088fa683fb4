import { type ErrorCode, httpErrors } from './error-codes.js';

export type HeraldErrorOptions = {
  /** The request field at fault, as a dotted path. */
  param?: string;
  /** Replaces `{reason}` in the registry's detail. */
  reason?: string;
  /** Replaces the registry's detail entirely. */
  detail?: string;
  /** For 429s and 503s: when to try again, sent as `Retry-After`. */
  retryAfterSeconds?: number;
  /** Extra members of the problem document (each one in the spec's `Problem`). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
};

/** An error with a stable code from the registry; the API turns it into a problem document. */
export class HeraldError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly param: string | undefined;
  readonly detail: string;
  readonly retryAfterSeconds: number | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, options: HeraldErrorOptions = {}) {
    const definition = httpErrors[code];
    const detail =
      options.detail ??
      definition.detail
        .replaceAll('{param}', options.param ?? 'value')
        .replaceAll('{reason}', options.reason ?? 'see the API reference');
    super(detail, { cause: options.cause });
    this.name = 'HeraldError';
    this.code = code;
    this.status = definition.status;
    this.param = options.param;
    this.detail = detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.extensions = options.extensions ?? {};
  }
}

export function isHeraldError(error: unknown): error is HeraldError {
  return error instanceof HeraldError;
}

/**
 * The same error about a field nested under `prefix` (a fallback step's `to` is
 * `fallback.0.message.to`), so the caller is told which one.
 */
export function underParam(error: HeraldError, prefix: string): HeraldError {
  return new HeraldError(error.code, {
    param: error.param ? `${prefix}.${error.param}` : prefix,
    detail: error.detail,
    retryAfterSeconds: error.retryAfterSeconds,
    extensions: error.extensions,
    cause: error,
  });
}
