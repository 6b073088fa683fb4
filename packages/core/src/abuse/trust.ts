import type {
  AccountDecisionRow,
  DecisionKind,
  ReviewRequestRow,
  ReviewStatus,
} from '../platform/stores/account.schema.js';
import type { AbuseSignal } from './abuse-signals.js';

export type { DecisionKind, ReviewStatus };

/** A suspension, reinstatement or upheld suspension, with everything that led to it. */
export type AccountDecision = {
  id: string;
  accountId: string;
  kind: DecisionKind;
  automated: boolean;
  /** The abuse score of an automated decision; null for a person's. */
  score: number | null;
  signals: AbuseSignal[];
  reason: string;
  /** The operator who decided, or null for Herald's automated checks. */
  decidedBy: string | null;
  createdAt: Date;
};

/** An owner's request for a person to review a suspension, and its outcome. */
export type ReviewRequest = {
  id: string;
  accountId: string;
  decisionId: string;
  requestedBy: string | null;
  statement: string;
  status: ReviewStatus;
  outcomeReason: string | null;
  resolvedBy: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
};

/** A pending review as an operator needs it: whose, and the suspension it is about. */
export type PendingReview = ReviewRequest & { accountName: string; decision: AccountDecision };

export type ReviewOutcome = 'reinstate' | 'uphold';

export function toAccountDecision(row: AccountDecisionRow): AccountDecision {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    automated: row.automated,
    score: row.score,
    signals: row.signals as AbuseSignal[],
    reason: row.reason,
    decidedBy: row.decided_by,
    createdAt: row.created_at,
  };
}

export function toReviewRequest(row: ReviewRequestRow): ReviewRequest {
  return {
    id: row.id,
    accountId: row.account_id,
    decisionId: row.decision_id,
    requestedBy: row.requested_by,
    statement: row.statement,
    status: row.status,
    outcomeReason: row.outcome_reason,
    resolvedBy: row.resolved_by,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}
