import { type ErrorCode, HeraldError, httpErrors } from '@herald/core';
import type { ErrorObject } from 'ajv';

export type Location = 'body' | 'query' | 'path' | 'header';

/** Keywords about the shape of the request rather than one value; these use generic codes. */
const STRUCTURAL = new Set(['type', 'required', 'additionalProperties', 'discriminator', 'oneOf']);

/**
 * Turns Ajv's first error into a HeraldError with one code, one param and a sentence a person
 * can act on. A schema may name its own code with `x-error-code` (a string, or a map from
 * keyword to code), so the spec says which fields have a dedicated code.
 */
export function toHeraldError(
  error: ErrorObject,
  location: Location,
  paramName?: string,
): HeraldError {
  const param = paramOf(error, paramName);

  if (error.keyword === 'additionalProperties') {
    return new HeraldError(location === 'body' ? 'unknown_field' : 'unknown_parameter', { param });
  }
  if (error.keyword === 'required') {
    return new HeraldError(location === 'body' ? 'missing_field' : 'invalid_parameter', {
      param,
      reason: 'it is required',
    });
  }
  if (error.keyword === 'discriminator') return discriminatorError(error, param);

  const own = ownCode(error);
  if (own) return new HeraldError(own, { param, reason: reasonOf(error) });
  if (location !== 'body')
    return new HeraldError('invalid_parameter', { param, reason: reasonOf(error) });
  if (error.keyword === 'type') {
    if (!param) {
      return new HeraldError('invalid_type', { detail: 'The request body must be a JSON object.' });
    }
    return new HeraldError('invalid_type', { param, reason: reasonOf(error) });
  }
  if (
    error.keyword === 'maxLength' ||
    error.keyword === 'maxProperties' ||
    error.keyword === 'maxItems'
  ) {
    return new HeraldError('value_too_long', { param, reason: reasonOf(error) });
  }
  return new HeraldError('invalid_value', { param, reason: reasonOf(error) });
}

function discriminatorError(error: ErrorObject, param: string | undefined): HeraldError {
  const tag = String(error.params.tag);
  const path = param ? `${param}.${tag}` : tag;
  if (error.params.error === 'mapping') {
    return new HeraldError('invalid_value', {
      param: path,
      reason: 'it must be one of sms, email, push',
    });
  }
  if (error.params.tagValue === undefined) return new HeraldError('missing_field', { param: path });
  return new HeraldError('invalid_type', { param: path, reason: 'it must be a string' });
}

function ownCode(error: ErrorObject): ErrorCode | undefined {
  if (STRUCTURAL.has(error.keyword)) return undefined;
  const declared = (error.parentSchema as Record<string, unknown> | undefined)?.['x-error-code'];
  const code =
    typeof declared === 'string'
      ? declared
      : (declared as Record<string, string> | undefined)?.[error.keyword];
  return code && code in httpErrors ? (code as ErrorCode) : undefined;
}

function paramOf(error: ErrorObject, paramName: string | undefined): string | undefined {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties')
    segments.push(String(error.params.additionalProperty));
  // Errors inside `propertyNames` name the offending key on the error itself.
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) segments.push(propertyName);
  if (paramName) segments.unshift(paramName);
  return segments.length > 0 ? segments.join('.') : undefined;
}

function reasonOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'type':
      return `it must be ${article(String(error.params.type))}`;
    case 'maxLength':
      return `it must be at most ${error.params.limit} characters`;
    case 'minLength':
      return error.params.limit === 1
        ? 'it must not be empty'
        : `it must be at least ${error.params.limit} characters`;
    case 'maximum':
    case 'minimum':
      return `it ${error.message}`;
    case 'enum':
      return `it must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `it must be ${JSON.stringify(error.params.allowedValue)}`;
    case 'format':
      return `it must be ${formatNames[String(error.params.format)] ?? article(String(error.params.format))}`;
    case 'maxProperties':
      return `it must have at most ${error.params.limit} entries`;
    case 'pattern': {
      // A pattern says nothing to a person: the schema may say what it means.
      const reason = (error.parentSchema as Record<string, unknown> | undefined)?.[
        'x-pattern-reason'
      ];
      return typeof reason === 'string' ? reason : `it ${error.message ?? 'is not valid'}`;
    }
    default:
      return `it ${error.message ?? 'is not valid'}`;
  }
}

const formatNames: Record<string, string> = {
  uri: 'an absolute URL, like https://example.com/hooks',
  email: 'an email address',
  'date-time': 'an RFC 3339 date-time, like 2026-11-22T12:00:00Z',
};

function article(noun: string): string {
  const text = noun.replaceAll(',', ' or ');
  return /^[aeiou]/i.test(text) ? `an ${text}` : `a ${text}`;
}
