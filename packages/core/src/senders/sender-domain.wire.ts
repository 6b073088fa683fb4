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
    ...(backlogMs !== undefined && {
      backlog: backlogOf('messages', backlogMs, perSecond),
    }),
  };
}
