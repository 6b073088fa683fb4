import type { Schemas } from '@herald/openapi';
import type { ApiKeyRow, AuditEventRow, LoginEventRow } from '../platform/stores/account.schema.js';
import { twilioAccountSid } from '../twilio/twilio-ids.js';

export function presentApiKey(key: ApiKeyRow): Schemas['ApiKey'] {
  return {
    id: key.id,
    object: 'api_key',
    name: key.name,
    prefix: key.display_prefix,
    mode: key.mode,
    scope: key.scope,
    owner_user_id: key.owner_user_id,
    created_at: key.created_at.toISOString(),
    last_used_at: key.last_used_at?.toISOString() ?? null,
    last_used_ip: key.last_used_ip,
    revoked_at: key.revoked_at?.toISOString() ?? null,
    twilio_account_sid: twilioAccountSid(key.id),
  };
}

export function presentAuditEvent(event: AuditEventRow): Schemas['AuditEvent'] {
  return {
    id: event.id,
    object: 'audit_event',
    actor_type: event.actor_type,
    actor_id: event.actor_id,
    action: event.action,
    target_type: event.target_type,
    target_id: event.target_id,
    ip: event.ip,
    details: event.details,
    created_at: event.created_at.toISOString(),
  };
}

export function presentLoginEvent(event: LoginEventRow): Schemas['LoginEvent'] {
  return {
    object: 'login_event',
    user_id: event.user_id,
    success: event.success,
    ip: event.ip,
    user_agent: event.user_agent,
    created_at: event.created_at.toISOString(),
  };
}
