import { requestErrors } from './request-error-codes.js';

/**
 * The one registry of the API's error codes (fastify's lib/errors.js is the model). Each code is
 * defined once, here or (a request's shape) in request-error-codes.ts, with its HTTP status, a
 * title and a detail that says how to fix it; the spec lists the same codes as the `ErrorCode`
 * enum and a test keeps them equal. `{param}` in a detail is replaced by the request field at
 * fault. Why a message ended `failed` is the other registry, `delivery-errors.ts`.
 */
export type HttpErrorDefinition = { status: number; title: string; detail: string };

export const httpErrors = {
  ...requestErrors,
  missing_api_key: {
    status: 401,
    title: 'Missing API key',
    detail: 'Send your API key as `Authorization: Bearer hk_...`.',
  },
  invalid_api_key: {
    status: 401,
    title: 'Invalid API key',
    detail: 'The API key is not valid. Check that it was copied whole, or create a new one.',
  },
  api_key_revoked: {
    status: 401,
    title: 'API key revoked',
    detail: 'This API key was revoked. Create a new key and use it instead.',
  },
  account_not_active: {
    status: 403,
    title: 'Account not active',
    detail: 'This account is not active, so it cannot send. Contact the operator of this Herald.',
  },
  account_suspended: {
    status: 403,
    title: 'Account suspended',
    detail:
      'This account is suspended, so it cannot send. GET /v1/account/decisions says why; an owner can ask for a human review with POST /v1/account/review-requests.',
  },
  email_not_verified: {
    status: 403,
    title: 'Owner email not verified',
    detail:
      "This organisation cannot send until an owner has verified their email address. Open the link Herald emailed to the owner's address (the console's Account page, or POST /v1/auth/email-verification, sends a new one).",
  },
  account_not_found: {
    status: 404,
    title: 'Account not found',
    detail: 'No account with this id exists.',
  },
  rate_limited: {
    status: 429,
    title: 'Rate limited',
    detail: 'Too many requests. Wait for the time in `Retry-After`, then try again.',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    detail: 'Your {reason} does not allow this. Ask an owner or admin of the organisation.',
  },
  session_required: {
    status: 401,
    title: 'Log-in required',
    detail:
      'This route needs a console session: log in first (or log in again if the session ended).',
  },
  csrf_token_invalid: {
    status: 403,
    title: 'CSRF token missing or wrong',
    detail: 'Send the `csrf_token` of GET /v1/auth/session as the `X-CSRF-Token` header.',
  },
  invalid_credentials: {
    status: 401,
    title: 'Wrong email or password',
    detail: 'The email address or the password is wrong.',
  },
  login_throttled: {
    status: 429,
    title: 'Too many failed log-ins',
    detail:
      'Too many failed log-ins for this address or from this network. Wait for the time in `Retry-After`, or reset the password.',
  },
  email_throttled: {
    status: 429,
    title: 'Too many emails asked for',
    detail:
      'Herald sends only a few of these emails per hour for one network, person or organisation. Wait for the time in `Retry-After`, then try again.',
  },
  auth_throttled: {
    status: 429,
    title: 'Too many failed authentications',
    detail:
      'Too many requests from your network failed to authenticate. Check the API key your client sends, then wait for the time in `Retry-After`.',
  },
  password_incorrect: {
    status: 422,
    title: 'Current password is wrong',
    detail: '`{param}` is not your current password.',
  },
  weak_password: {
    status: 422,
    title: 'Password too weak',
    detail:
      '`{param}` must be 10 to 200 characters. A passphrase of several words is easy to remember and hard to guess.',
  },
  email_taken: {
    status: 409,
    title: 'Email address in use',
    detail: 'A user with this email address already exists. Log in, or reset the password.',
  },
  token_invalid: {
    status: 400,
    title: 'Link not valid',
    detail: 'This link is not valid, or it was already used. Ask for a new one.',
  },
  token_expired: {
    status: 410,
    title: 'Link expired',
    detail: 'This link has expired. Ask for a new one.',
  },
  last_owner: {
    status: 409,
    title: 'Last owner',
    detail: 'An organisation needs at least one owner. Make another member an owner first.',
  },
  already_member: {
    status: 409,
    title: 'Already a member',
    detail: 'This person is already a member of the organisation (or has an open invitation).',
  },
  member_not_found: {
    status: 404,
    title: 'Member not found',
    detail: 'No member with this id belongs to your organisation.',
  },
  invitation_not_found: {
    status: 404,
    title: 'Invitation not found',
    detail: 'No open invitation with this id belongs to your organisation.',
  },
  api_key_not_found: {
    status: 404,
    title: 'API key not found',
    detail: 'No API key with this id belongs to your organisation.',
  },
  scope_not_allowed: {
    status: 403,
    title: 'Scope not allowed',
    detail:
      'A key can never do more than whoever creates it, and `{param}` names a scope you do not hold. `creatable_scopes` in GET /v1/api-keys lists the ones you may create.',
  },
  member_has_api_keys: {
    status: 409,
    title: 'Member owns API keys',
    detail:
      'This member owns live API keys (listed in `api_keys`). Say for each one, in the `api_keys` of the request, whether to `keep` it (you become its owner) or `revoke` it.',
  },
  review_not_allowed: {
    status: 409,
    title: 'Nothing to review',
    detail:
      'A review can be asked for when the account is suspended and no review is already pending.',
  },
  review_request_not_found: {
    status: 404,
    title: 'Review request not found',
    detail: 'No review request with this id exists.',
  },
  review_already_resolved: {
    status: 409,
    title: 'Review already resolved',
    detail: 'This review request was already resolved.',
  },
  recipient_suppressed: {
    status: 422,
    title: 'Recipient suppressed',
    detail:
      'This recipient is on your suppression list (they opted out, bounced, complained or the token is gone), so Herald will not send to them. Remove the suppression only if they asked to hear from you again.',
  },
  suppression_not_found: {
    status: 404,
    title: 'Suppression not found',
    detail: 'No suppression with this id exists in your account.',
  },
  phone_number_not_found: {
    status: 404,
    title: 'Phone number not found',
    detail: 'No phone number with this id belongs to your organisation.',
  },
  phone_number_taken: {
    status: 409,
    title: 'Phone number in use',
    detail:
      'Another organisation has verified this number. If it is yours, ask the operator of this Herald to move it to your organisation.',
  },
  verification_code_invalid: {
    status: 422,
    title: 'Wrong verification code',
    detail:
      '`{param}` is not the code sent to this number ({reason}). Check the text message and try again.',
  },
  verification_code_expired: {
    status: 422,
    title: 'Verification code expired',
    detail:
      'The code sent to this number {reason}. Ask for a new one with POST /v1/phone-numbers and the same number.',
  },
  sender_not_owned: {
    status: 422,
    title: 'Sender not owned',
    detail:
      '`{param}` is not a sender your organisation holds: {reason}. Send without it to use the default sender.',
  },
  sender_domain_not_allowed: {
    status: 422,
    title: 'Sender domain not allowed',
    detail:
      '`{param}` is on a domain your organisation may not send from ({reason}). GET /v1/sender-domains lists the ones you may use; ask the operator of this Herald to add yours.',
  },
  topic_not_found: {
    status: 404,
    title: 'Topic not found',
    detail:
      'Your organisation has no topic with this key. GET /v1/topics lists them; POST /v1/topics adds one.',
  },
  topic_key_taken: {
    status: 409,
    title: 'Topic key taken',
    detail: 'Your organisation already has a topic with this `key`. Choose another.',
  },
  recipient_unsubscribed: {
    status: 422,
    title: 'Recipient unsubscribed',
    detail:
      'This recipient opted out of {reason}, so Herald will not send this message to them. Transactional messages (no `category`, or `transactional`, and no topic they left) still go.',
  },
  preference_link_invalid: {
    status: 404,
    title: 'Preference link not valid',
    detail:
      'This preference link is not valid: it expired, was changed, or its organisation is gone. Ask the sender for a new one.',
  },
  domain_not_verified: {
    status: 422,
    title: 'Sending domain not verified',
    detail:
      'Your organisation added {reason} but its DNS records are not verified yet, so live keys may not send from it. Publish the records GET /v1/sender-domains/{reason} shows, then POST /v1/sender-domains/{reason}/verify. Test keys may send from it meanwhile.',
  },
  sender_domain_exists: {
    status: 409,
    title: 'Sending domain already added',
    detail: 'Your organisation has this domain already. GET /v1/sender-domains/{reason} shows it.',
  },
  template_not_found: {
    status: 404,
    title: 'Template not found',
    detail:
      'Your organisation has no template with this id or name (or no such version of it). GET /v1/templates lists them.',
  },
  template_name_taken: {
    status: 409,
    title: 'Template name taken',
    detail:
      'Your organisation already has a template with this `name`. Choose another, or add a version to that one (POST /v1/templates/{id}/versions).',
  },
  invalid_template: {
    status: 422,
    title: 'Invalid template',
    detail: '`{param}` is not a template Herald can render: {reason}.',
  },
  invalid_locale: {
    status: 422,
    title: 'Invalid locale',
    detail: '`{param}` is not a BCP 47 language tag, like `en`, `pt-BR` or `zh-Hant`.',
  },
  template_variable_missing: {
    status: 422,
    title: 'Template variable missing',
    detail:
      'The template uses `{param}`, which `variables` does not give. Add it (an empty string if it should be blank).',
  },
  template_channel_missing: {
    status: 422,
    title: 'Template has no part for this channel',
    detail:
      'The template has no {reason} part in any locale of its fallback chain. Add one in a new version, or send on another channel.',
  },
  template_render_failed: {
    status: 422,
    title: 'Template could not be rendered',
    detail: 'The template could not be rendered with these variables: {reason}.',
  },
  template_with_content: {
    status: 422,
    title: 'Template and content both given',
    detail:
      'Give either `template` (with `variables`) or the message content (`{reason}`), not both.',
  },
  sender_domain_not_found: {
    status: 404,
    title: 'Sender domain not found',
    detail:
      'Your organisation may not send from this domain. GET /v1/sender-domains lists the ones it may use.',
  },
  webhook_endpoint_not_found: {
    status: 404,
    title: 'Webhook endpoint not found',
    detail: 'No webhook endpoint with this id belongs to your organisation.',
  },
  webhook_url_forbidden: {
    status: 422,
    title: 'Webhook URL not allowed',
    detail: '`{param}` must be an https URL that resolves only to public addresses: {reason}.',
  },
  webhook_event_not_found: {
    status: 404,
    title: 'Webhook event not found',
    detail: 'No event with this id belongs to your organisation.',
  },
  message_not_finished: {
    status: 409,
    title: 'Message not finished',
    detail:
      'Only a finished message can be removed; this one is still {reason}. Cancel it first (POST /v1/messages/{id}/cancel) if it has not gone out, or wait until the provider has it.',
  },
  message_not_cancelable: {
    status: 409,
    title: 'Message cannot be canceled',
    detail:
      'Only a scheduled or still-queued message can be canceled; this one is already {reason}.',
  },
  invalid_send_at: {
    status: 422,
    title: 'Invalid send time',
    detail: '`send_at` must be at least 1 minute and at most 35 days from now.',
  },
  two_factor_required: {
    status: 401,
    title: 'Two-factor code required',
    detail:
      'This user signs in with two factors: send `two_factor_code`, the 6-digit code of the authenticator app (or a recovery code).',
  },
  two_factor_invalid: {
    status: 401,
    title: 'Two-factor code not right',
    detail:
      'The code is not the one the authenticator app shows now, nor an unused recovery code. Check the device’s clock, and try the next code.',
  },
  two_factor_not_started: {
    status: 409,
    title: 'Two-factor setup not started',
    detail: 'Start with `POST /v1/me/two-factor`, add the secret to the app, then confirm a code.',
  },
  two_factor_already_on: {
    status: 409,
    title: 'Two-factor sign-in is already on',
    detail: 'Turn it off first (`DELETE /v1/me/two-factor`) to change the app.',
  },
  two_factor_needed_first: {
    status: 409,
    title: 'Turn on two-factor sign-in first',
    detail:
      'Only an owner who signs in with two factors can require them of everyone: turn it on in Security first.',
  },
  two_factor_setup_required: {
    status: 403,
    title: 'Two-factor sign-in required',
    detail:
      'Your organisation requires two-factor sign-in: turn it on (`POST /v1/me/two-factor`) before anything else.',
  },
  terms_not_accepted: {
    status: 422,
    title: 'Terms not accepted',
    detail:
      'Signing up needs `accept_terms: true`: you accept the terms and have read the privacy notice in effect (`GET /v1/policies`).',
  },
  age_not_confirmed: {
    status: 422,
    title: 'Age not confirmed',
    detail: 'Signing up needs `age_confirmed: true`: Herald is for people 16 or older.',
  },
  invalid_received_at: {
    status: 422,
    title: 'Invalid receipt time',
    detail: '`received_at` is when the end user asked: it cannot be in the future.',
  },
  twilio_signature_missing: {
    status: 400,
    title: 'Twilio signature missing',
    detail: 'The request has no `X-Twilio-Signature` header.',
  },
  twilio_signature_invalid: {
    status: 403,
    title: 'Twilio signature invalid',
    detail:
      'The `X-Twilio-Signature` does not match this request, the URL Twilio called (HERALD_PUBLIC_URL) and the auth token.',
  },
  provider_token_invalid: {
    status: 401,
    title: 'Provider token missing or wrong',
    detail: 'Send the provider event token (EMAIL_EVENTS_TOKEN) as `Authorization: Bearer ...`.',
  },
  content_not_stored: {
    status: 404,
    title: 'Content not stored',
    detail:
      'This message was sent in no-store mode: its content went to the provider and was never stored.',
  },
  content_expired: {
    status: 410,
    title: 'Content removed',
    detail: 'The content of this message was removed by the retention policy or an erasure.',
  },
  content_unreadable: {
    status: 410,
    title: 'Content unreadable',
    detail:
      'The key that encrypted this content was destroyed (the account was closed): it cannot be read any more.',
  },
  subject_export_not_found: {
    status: 404,
    title: 'Export not found',
    detail: 'No export with this id belongs to your organisation.',
  },
  subject_export_not_ready: {
    status: 409,
    title: 'Export not ready',
    detail:
      'The archive is still being built. Check GET /v1/subjects/exports/{export_id} and try again when it is `ready`.',
  },
  subject_erasure_not_found: {
    status: 404,
    title: 'Erasure not found',
    detail: 'No erasure with this id belongs to your organisation.',
  },
  restriction_not_found: {
    status: 404,
    title: 'Restriction not found',
    detail: 'No restriction with this id belongs to your organisation.',
  },
  confirmation_mismatch: {
    status: 422,
    title: 'Confirmation does not match',
    detail: '`confirm` must be the organisation’s name, exactly as it is shown.',
  },
  account_closing: {
    status: 409,
    title: 'Account closing',
    detail:
      'This organisation is being closed. An owner can cancel with DELETE /v1/account/closure until the purge date.',
  },
  account_not_closing: {
    status: 404,
    title: 'No closure',
    detail: 'This organisation is not being closed.',
  },
  legal_hold_active: {
    status: 409,
    title: 'Legal hold',
    detail:
      'A legal hold is on this account: its data cannot be deleted until an operator lifts it.',
  },
  dev_inbox_disabled: {
    status: 404,
    title: 'Development inbox off',
    detail:
      'The development inbox shows what the local provider servers of `npm start` received; this Herald has none (`DEV_INBOX_URL` is not set).',
  },
  account_not_suspendable: {
    status: 409,
    title: 'Account not suspendable',
    detail: 'Only an active account can be suspended; this one is {reason}.',
  },
  operator_token_invalid: {
    status: 401,
    title: 'Operator session missing, expired or wrong',
    detail:
      'Sign in with `POST /v1/operator/sessions` (password and TOTP code) and send its token as `Authorization: Bearer hop_...`.',
  },
  message_not_found: {
    status: 404,
    title: 'Message not found',
    detail: 'No message with this id exists in your account.',
  },
  route_not_found: {
    status: 404,
    title: 'Route not found',
    detail: 'There is no such route. See openapi/openapi.yaml for the routes this API serves.',
  },
  method_not_allowed: {
    status: 405,
    title: 'Method not allowed',
    detail: 'This route does not accept this HTTP method.',
  },
  service_unavailable: {
    status: 503,
    title: 'Service unavailable',
    detail: 'A service Herald depends on is not answering. Nothing was stored; retry shortly.',
  },
  internal_error: {
    status: 500,
    title: 'Internal error',
    detail: 'Something went wrong on our side. Quote the request id if you report it.',
  },
} as const satisfies Record<string, HttpErrorDefinition>;

export type ErrorCode = keyof typeof httpErrors;
