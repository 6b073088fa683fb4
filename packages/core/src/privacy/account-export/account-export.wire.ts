import type { Schemas } from '@herald/openapi';
import { presentDecision, presentReviewRequest } from '../../abuse/trust.wire.js';
import {
  presentApiKey,
  presentAuditEvent,
  presentLoginEvent,
} from '../../accounts/accounts.wire.js';
import { presentInboundNumber } from '../../inbound/inbound.wire.js';
import { presentAccount, presentInvitation, presentMember } from '../../people/people.wire.js';
import { presentTopic } from '../../preferences/preferences.wire.js';
import { presentTemplate } from '../../templates/template.wire.js';
import { presentWebhookEndpoint } from '../../webhooks/webhook.wire.js';
import { presentRetentionPolicy } from '../retention/retention.wire.js';
import type { AccountExportData } from './account-export.service.js';

/**
 * The organisation's own data through the presenters its routes already use, so the export
 * shows each thing exactly as the API does, and hides what the API hides (key hashes, secrets).
 */
export function presentAccountExport(
  data: AccountExportData,
  defaultRateLimit: number,
): Schemas['AccountExport'] {
  return {
    object: 'account_export',
    generated_at: data.generatedAt.toISOString(),
    account: presentAccount(data.account, defaultRateLimit),
    members: data.members.map(presentMember),
    api_keys: data.apiKeys.map(presentApiKey),
    audit_events: data.auditEvents.map(presentAuditEvent),
    login_events: data.loginEvents.map(presentLoginEvent),
    invitations: data.invitations.map((invitation) =>
      presentInvitation(invitation, data.generatedAt),
    ),
    phone_numbers: data.phoneNumbers.map((number) => presentInboundNumber(number)),
    webhook_endpoints: data.webhookEndpoints.map(presentWebhookEndpoint),
    decisions: data.decisions.map(presentDecision),
    review_requests: data.reviewRequests.map(presentReviewRequest),
    // A policy never changed reads as set when the organisation was created, as on its route.
    retention_policy: presentRetentionPolicy({
      ...data.retentionPolicy,
      updatedAt: data.retentionPolicy.updatedAt ?? data.account.created_at,
    }),
    templates: data.templates.map(presentTemplate),
    topics: data.topics.map(presentTopic),
  };
}
