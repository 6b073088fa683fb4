import type { Schemas } from '@herald/openapi';
import type { WebhookEndpoint } from './webhook.js';
import type { WebhookAttemptRow } from './webhook.schema.js';

/** Never the secret: it is shown once, by the create and rotate routes themselves. */
export function presentWebhookEndpoint(endpoint: WebhookEndpoint): Schemas['WebhookEndpoint'] {
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    url: endpoint.url,
    event_types: endpoint.eventTypes,
    description: endpoint.description,
    disabled: endpoint.disabled,
    disabled_reason: endpoint.disabledReason,
    created_at: endpoint.createdAt.toISOString(),
  };
}

export function presentWebhookAttempt(attempt: WebhookAttemptRow): Schemas['WebhookAttempt'] {
  return {
    id: attempt.id,
    object: 'webhook_attempt',
    event_id: attempt.event_id,
    event_type: attempt.event_type as Schemas['WebhookEventType'],
    attempt: attempt.attempt,
    status_code: attempt.status_code,
    error: attempt.error,
    duration_ms: attempt.duration_ms,
    created_at: attempt.created_at.toISOString(),
    next_attempt_at: attempt.next_attempt_at?.toISOString() ?? null,
  };
}
