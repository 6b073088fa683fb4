import type { Schemas } from '@herald/openapi';
import { backlogOf } from '../pacing/backlog.js';
import type { SenderDomain } from './sender-domain.service.js';

/** A sending domain; `backlogMs` (what waits on its cap, from now) when the answer shows it. */
export function presentSenderDomain(
  domain: SenderDomain,
  backlogMs?: number,
): Schemas['SenderDomain'] {
  const perSecond = domain.messagesPerSecond;
  return {
    object: 'sender_domain',
    domain: domain.domain,
    created_at: domain.createdAt.toISOString(),
    messages_per_second: perSecond,
    status: domain.status,
    verified_at: domain.verifiedAt?.toISOString() ?? null,
    added_by: domain.addedBy,
    dns_records: domain.dnsRecords.map((record) => ({
      purpose: record.purpose,
      type: record.type,
      name: record.name,
      value: record.value,
      required: record.required,
      status: record.status,
    })),
    checked_at: domain.checkedAt?.toISOString() ?? null,
    ...(backlogMs !== undefined && {
      backlog: backlogOf('messages', backlogMs, perSecond),
    }),
  };
}
