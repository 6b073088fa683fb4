import type { Schemas } from '@herald/openapi';
import type { Page } from '../../messages/message-query.service.js';
import type { ErasureReceiptView } from './erasure.service.js';
import type { SubjectExport } from './export.service.js';
import type { MessageRemoval } from './message-removal.service.js';
import type { PrivacyRequest } from './privacy-request.service.js';
import type { SubjectFindings } from './subject.service.js';
import type { SubjectRestriction } from './subject-restriction.service.js';

export function presentSubject(findings: SubjectFindings): Schemas['Subject'] {
  return {
    object: 'subject',
    channel: findings.channel,
    identifier_masked: findings.identifierMasked,
    holdings: findings.holdings,
    suppressed: findings.suppressed,
    restricted: findings.restricted,
  };
}

/** `downloadUrl` only in the creation answer: the token is shown once. */
export function presentSubjectExport(
  subjectExport: SubjectExport,
  downloadUrl?: string,
): Schemas['SubjectExport'] {
  return {
    id: subjectExport.id,
    object: 'subject_export',
    status: subjectExport.status,
    ...(downloadUrl !== undefined && { download_url: downloadUrl }),
    deadline_at: subjectExport.deadlineAt.toISOString(),
    expires_at: subjectExport.expiresAt.toISOString(),
    created_at: subjectExport.createdAt.toISOString(),
  };
}

export function presentErasureReceipt(receipt: ErasureReceiptView): Schemas['ErasureReceipt'] {
  return {
    id: receipt.id,
    object: 'erasure_receipt',
    identifier_hash: receipt.identifierHash,
    channel: receipt.channel,
    counts: receipt.counts,
    propagation: receipt.propagation,
    provider_deletions: receipt.providerDeletions,
    completed_at: receipt.completedAt.toISOString(),
    signed_payload: receipt.signedPayload,
    signature: receipt.signature,
  };
}

export function presentRestriction(restriction: SubjectRestriction): Schemas['SubjectRestriction'] {
  return {
    id: restriction.id,
    object: 'subject_restriction',
    channel: restriction.channel,
    identifier_masked: restriction.identifierMasked,
    created_at: restriction.createdAt.toISOString(),
  };
}

export function presentPrivacyRequest(request: PrivacyRequest): Schemas['PrivacyRequest'] {
  return {
    id: request.id,
    object: 'privacy_request',
    kind: request.kind,
    status: request.status,
    source: request.source,
    channel: request.channel,
    identifier_hash: request.identifierHash,
    received_at: request.receivedAt.toISOString(),
    verified_at: request.verifiedAt?.toISOString() ?? null,
    deadline_at: request.deadlineAt.toISOString(),
    created_at: request.createdAt.toISOString(),
    completed_at: request.completedAt?.toISOString() ?? null,
    outcome: request.outcome,
  };
}

export function presentPrivacyRequestPage(
  page: Page<PrivacyRequest>,
): Schemas['PrivacyRequestList'] {
  return {
    object: 'list',
    data: page.data.map(presentPrivacyRequest),
    has_more: page.hasMore,
    next_cursor: page.nextCursor,
  };
}

/** What `DELETE /v1/messages/{id}` removed. */
export function presentMessageRemoval(removal: MessageRemoval): Schemas['MessageRemoval'] {
  return {
    object: 'message_removal',
    message_id: removal.messageId,
    removed_at: removal.removedAt.toISOString(),
    content_removed: removal.content,
    identifier_removed: removal.identifier,
    webhook_events_removed: removal.webhookEvents,
  };
}
