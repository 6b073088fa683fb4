import type { Schemas } from '@herald/openapi';
import type { Page } from '../messages/message-query.service.js';
import type { Suppression } from './suppression.js';

export function presentSuppression(suppression: Suppression): Schemas['Suppression'] {
  return {
    id: suppression.id,
    object: 'suppression',
    channel: suppression.channel,
    identifier_masked: suppression.identifierMasked,
    reason: suppression.reason,
    created_at: suppression.createdAt.toISOString(),
  };
}

export function presentSuppressionPage(page: Page<Suppression>): Schemas['SuppressionList'] {
  return {
    object: 'list',
    data: page.data.map(presentSuppression),
    has_more: page.hasMore,
    next_cursor: page.nextCursor,
  };
}
