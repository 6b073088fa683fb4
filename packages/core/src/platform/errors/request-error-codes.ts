import type { HttpErrorDefinition } from './error-codes.js';

/**
 * The error codes of a request's shape, before any domain rule: its body, its fields, its query
 * and its `Idempotency-Key`. Part of the one registry (`httpErrors` in error-codes.ts).
 */
export const requestErrors = {
  malformed_json: {
    status: 400,
    title: 'Malformed JSON',
    detail:
      'The request body is not valid JSON. Check for trailing commas, unquoted keys or a cut-off body.',
  },
  malformed_body: {
    status: 400,
    title: 'Unreadable body',
    detail: 'The request body could not be read: {reason}.',
  },
  malformed_url: {
    status: 400,
    title: 'Malformed URL',
    detail:
      'The {param} of the URL is not valid: {reason}. Percent-encode UTF-8 text (`encodeURIComponent`), and never a NUL (`%00`).',
  },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    detail: 'Send the body as JSON with `Content-Type: application/json`.',
  },
  payload_too_large: {
    status: 413,
    title: 'Payload too large',
    detail: 'The request body is larger than the API accepts (12 MB). Send less content.',
  },
  unknown_field: {
    status: 422,
    title: 'Unknown field',
    detail: '`{param}` is not a field of this request. Remove it or check its spelling.',
  },
  missing_field: { status: 422, title: 'Missing field', detail: '`{param}` is required.' },
  invalid_type: {
    status: 422,
    title: 'Invalid type',
    detail: '`{param}` has the wrong type: {reason}.',
  },
  invalid_value: {
    status: 422,
    title: 'Invalid value',
    detail: '`{param}` is not valid: {reason}.',
  },
  value_too_long: {
    status: 422,
    title: 'Value too long',
    detail: '`{param}` is too long: {reason}.',
  },
  invalid_phone_number: {
    status: 422,
    title: 'Invalid phone number',
    detail: '`{param}` must be a phone number in E.164 format, like +14155550100.',
  },
  invalid_sender: {
    status: 422,
    title: 'Invalid sender',
    detail:
      '`{param}` must be an E.164 phone number or an alphanumeric sender id of 1 to 11 letters, digits and spaces.',
  },
  invalid_email_address: {
    status: 422,
    title: 'Invalid email address',
    detail: '`{param}` must be an email address, like ada@example.com.',
  },
  invalid_sender_address: {
    status: 422,
    title: 'Invalid sender address',
    detail:
      '`{param}` must be exactly one address, like `ada@example.com` or `Ada <ada@example.com>`: {reason}.',
  },
  invalid_throughput: {
    status: 422,
    title: 'Invalid throughput cap',
    detail:
      '`{param}` must be a number a second above 0 and at most 1000000 (0.5 is one every two seconds; SMS counts segments, email and push messages), or null for the default.',
  },
  invalid_push_token: {
    status: 422,
    title: 'Invalid push token',
    detail:
      '`{param}` must be an FCM registration token: 32 to 4096 letters, digits, `_`, `-` and `:`.',
  },
  body_too_long: {
    status: 422,
    title: 'SMS body too long',
    detail:
      '`{param}` is too long for one SMS: {reason}. Shorten it (text outside GSM-7, like emoji, takes twice the room) or send an email.',
  },
  email_too_large: {
    status: 422,
    title: 'Email too large',
    detail:
      'The email (subject, html and text) is larger than 10 MB. Link to large content instead of inlining it.',
  },
  push_payload_too_large: {
    status: 422,
    title: 'Push payload too large',
    detail: 'The push payload (title, body and data) is larger than the 4096 bytes FCM accepts.',
  },
  unknown_parameter: {
    status: 422,
    title: 'Unknown parameter',
    detail: '`{param}` is not a parameter of this route. Remove it or check its spelling.',
  },
  invalid_parameter: {
    status: 422,
    title: 'Invalid parameter',
    detail: 'The parameter `{param}` is not valid: {reason}.',
  },
  invalid_cursor: {
    status: 422,
    title: 'Invalid cursor',
    detail:
      '`cursor` is not a cursor this API returned. Pass the `next_cursor` of the previous page unchanged.',
  },
  invalid_idempotency_key: {
    status: 400,
    title: 'Invalid idempotency key',
    detail: 'The `Idempotency-Key` header must be 1 to 255 printable ASCII characters.',
  },
  idempotency_key_reused: {
    status: 422,
    title: 'Idempotency key reused',
    detail:
      'This `Idempotency-Key` was already used with a different request body. Use a new key for a new request.',
  },
  idempotency_key_in_use: {
    status: 409,
    title: 'Request in progress',
    detail: 'A request with this `Idempotency-Key` is still being processed. Retry in a moment.',
  },
} as const satisfies Record<string, HttpErrorDefinition>;
