import type { ErrorCode, HeraldError, Logger } from '@herald/core';
import type { components } from '@herald/openapi';
import type { ErrorRequestHandler } from 'express';
import { toHeraldError } from '../http/problem.js';

type TwilioError = components['schemas']['TwilioError'];

/** Herald's refusals of a caller, which Twilio answers with 20003 ("Permission Denied"). */
const permissionDenied = new Set<ErrorCode>([
  'missing_api_key',
  'invalid_api_key',
  'api_key_revoked',
  'account_not_active',
  'account_suspended',
  'email_not_verified',
  'forbidden',
]);

type Mapped = { status: number; code: number; message: string };

/** The form's name of a field the send service names the JSON way (both routes share its rules). */
const formFields: Record<string, string> = {
  to: 'To',
  from: 'From',
  body: 'Body',
  status_callback: 'StatusCallback',
  send_at: 'SendAt',
  validity_period: 'ValidityPeriod',
};

/** Errors about one form field, under the number Twilio uses for that field. */
function fieldError(error: HeraldError): Mapped | undefined {
  const missing = error.code === 'missing_field' || /must not be empty/.test(error.detail);
  switch (formFields[error.param ?? ''] ?? error.param) {
    case 'To':
      return missing
        ? { status: 400, code: 21604, message: "A 'To' phone number is required." }
        : { status: 400, code: 21211, message: `Invalid 'To' Phone Number: ${error.detail}` };
    case 'From':
      return { status: 400, code: 21212, message: `Invalid 'From' Phone Number: ${error.detail}` };
    case 'Body':
      return error.code === 'body_too_long'
        ? { status: 400, code: 21617, message: error.detail }
        : { status: 400, code: 21602, message: 'Message body is required.' };
    case 'StatusCallback':
      return { status: 400, code: 21609, message: `Invalid 'StatusCallback': ${error.detail}` };
    case 'MediaUrl':
      return { status: 400, code: 21620, message: error.detail };
    default:
      return undefined;
  }
}

function mapped(error: HeraldError, resource: string): Mapped | undefined {
  if (permissionDenied.has(error.code))
    return { status: 401, code: 20003, message: `Authenticate: ${error.detail}` };
  switch (error.code) {
    case 'message_not_found':
      return {
        status: 404,
        code: 20404,
        message: `The requested resource ${resource} was not found`,
      };
    case 'sender_not_owned':
      return {
        status: 400,
        code: 21606,
        message:
          'The From phone number is not a valid, SMS-capable inbound phone number or short code for your account.',
      };
    case 'recipient_suppressed':
      return { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' };
    case 'rate_limited':
    case 'auth_throttled':
      return { status: 429, code: 20429, message: 'Too Many Requests' };
    case 'message_not_cancelable':
      return { status: 409, code: 30409, message: error.detail };
    case 'template_not_found':
      return { status: 400, code: 21655, message: 'The ContentSid is Invalid' };
    case 'message_not_finished':
      return {
        status: 409,
        code: 20009,
        message: "Cannot delete message because it's being delivered",
      };
    case 'service_unavailable':
      return { status: 503, code: 20503, message: 'Service Unavailable' };
    case 'internal_error':
      return { status: 500, code: 20500, message: 'Internal Server Error' };
    default:
      return fieldError(error);
  }
}

/**
 * A Herald error in Twilio's format. Where Twilio has a number for the cause, that number and
 * Twilio's page for it; otherwise 20001 and Herald's own code in `more_info`, with the status
 * Twilio would use (400 for any invalid request, where Herald says 422).
 */
export function toTwilioError(error: HeraldError, resource: string): TwilioError {
  const known = mapped(error, resource);
  if (known)
    return {
      code: known.code,
      message: known.message,
      more_info: `https://www.twilio.com/docs/errors/${known.code}`,
      status: known.status,
    };
  return {
    code: 20001,
    message: error.detail,
    more_info: `urn:herald:error:${error.code}`,
    status: error.status === 422 ? 400 : error.status,
  };
}

/**
 * The Twilio routes' error handler. A caller that sent a Herald `Bearer` key speaks Herald, so
 * its errors go on to Herald's problem handler; everyone else gets Twilio's error document.
 */
export function twilioErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent || /^Bearer\s/i.test(req.get('authorization') ?? '')) return next(error);
    const herald = toHeraldError(error, logger, res);
    if (herald.retryAfterSeconds !== undefined)
      res.set('Retry-After', String(herald.retryAfterSeconds));
    const body = toTwilioError(herald, req.path);
    res.status(body.status).json(body);
  };
}
