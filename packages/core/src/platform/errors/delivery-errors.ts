/**
 * The registry of delivery error codes: why a message ended `failed`, each defined once with a
 * detail that says what happened. The spec lists the same codes as the `DeliveryErrorCode` enum
 * and a test keeps them equal. The API's own error answers are `error-codes.ts`.
 */
/** Why a message ended `failed`. Stored in the usage store as the message's `error_code`. */
export const deliveryErrors = {
  invalid_recipient:
    'The provider says the recipient does not exist or cannot receive this channel.',
  recipient_unsubscribed: 'The recipient opted out of messages from this sender.',
  push_token_unregistered:
    'The push token is no longer registered with FCM (app uninstalled or token rotated).',
  provider_rejected: 'The provider refused the message permanently.',
  provider_auth_failed:
    'The provider refused Herald’s credentials; check the provider configuration.',
  provider_unavailable: 'The provider kept failing or timing out until the retries ran out.',
  provider_rate_limited: 'The provider kept rate-limiting until the retries ran out.',
  content_unavailable:
    'The message content could not be read (removed or its key destroyed) before sending.',
  validity_expired:
    'The message waited longer than its `validity_period` and was not handed to a provider.',
  email_bounced:
    'The receiving mail server rejected the email after accepting it (a permanent bounce).',
  recipient_unreachable:
    'The carrier could not reach the handset (switched off or out of coverage) within its retry time.',
  carrier_filtered:
    'The carrier filtered the message (spam rules, or the sender is not registered for this traffic).',
  delivery_failed:
    'The provider reports the message was not delivered, without a more precise reason.',
  recipient_suppressed:
    'The recipient was suppressed after the message was accepted (an opt-out or a bounce arrived first).',
  channel_not_configured:
    'No provider is configured for this channel on this Herald; see the README, Configuration.',
  sender_not_owned:
    'When the message was due, the organisation no longer held its sender (the number moved or was given up, or the email domain was revoked), so it was not sent.',
} as const satisfies Record<string, string>;

export type DeliveryErrorCode = keyof typeof deliveryErrors;
