import { HeraldError, presentAccount, presentDecision, presentReviewRequest } from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import type { AccountRoutesDeps } from '../accounts/account.routes.js';

/** For the people who run this Herald (the operator token): reviews and account limits. */
export function operatorRoutes(deps: AccountRoutesDeps): Router {
  const router = Router();
  const { route } = deps.kit;
  const operator = { type: 'operator' as const, id: 'operator-token', ip: null };

  router.get(
    '/v1/operator/review-requests',
    ...route('listPendingReviewRequests'),
    async (_req, res) => {
      const reviews = await deps.trust.listPendingReviews();
      res.json({ object: 'list', data: reviews.map(presentReviewRequest) });
    },
  );

  router.post(
    '/v1/operator/review-requests/:review_request_id/resolve',
    ...route('resolveReviewRequest'),
    async (req, res) => {
      const body = req.body as components['schemas']['ResolveReviewRequest'];
      const review = await deps.trust.resolveReview(req.params.review_request_id as string, {
        outcome: body.outcome,
        reason: body.reason,
        operator: 'operator-token',
        ip: req.ip ?? null,
      });
      res.json(presentReviewRequest(review));
    },
  );

  router.patch(
    '/v1/operator/accounts/:account_id',
    ...route('updateAccountLimits'),
    async (req, res) => {
      const body = req.body as components['schemas']['UpdateAccountLimitsRequest'];
      const account = await deps.accounts.setRateLimit(
        req.params.account_id as string,
        body.rate_limit_per_second,
        { ...operator, ip: req.ip ?? null },
      );
      res.json(presentAccount(account, deps.defaultRateLimit));
    },
  );

  // A person's decision, explained like the automated ones: the owners are emailed the reason.
  router.post(
    '/v1/operator/accounts/:account_id/suspension',
    ...route('suspendAccount'),
    async (req, res) => {
      const accountId = req.params.account_id as string;
      const body = req.body as components['schemas']['SuspendAccountRequest'];
      const decision = await deps.trust.suspend(accountId, {
        score: null,
        signals: [],
        reason: body.reason,
        automated: false,
        actor: { ...operator, ip: req.ip ?? null },
      });
      if (!decision) {
        const account = await deps.accounts.getAccount(accountId);
        throw new HeraldError('account_not_suspendable', { reason: account.status });
      }
      res.status(201).json(presentDecision(decision));
    },
  );

  return router;
}
