import type { Schemas } from '@herald/openapi';
import type { AccountDecision, ReviewRequest } from './trust.js';

export function presentDecision(decision: AccountDecision): Schemas['AccountDecision'] {
  return {
    id: decision.id,
    object: 'account_decision',
    kind: decision.kind,
    automated: decision.automated,
    score: decision.score,
    signals: decision.signals,
    reason: decision.reason,
    decided_by: decision.decidedBy,
    created_at: decision.createdAt.toISOString(),
  };
}

export function presentReviewRequest(review: ReviewRequest): Schemas['ReviewRequest'] {
  return {
    id: review.id,
    object: 'review_request',
    account_id: review.accountId,
    decision_id: review.decisionId,
    statement: review.statement,
    status: review.status,
    outcome_reason: review.outcomeReason,
    created_at: review.createdAt.toISOString(),
    resolved_at: review.resolvedAt?.toISOString() ?? null,
    resolved_by: review.resolvedBy,
  };
}
