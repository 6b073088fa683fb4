import {
  type AccountService,
  actorOf,
  presentAccount,
  presentDecision,
  presentReviewRequest,
  type TrustService,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, principalOf, userOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/** What the account routes and the operator's routes about accounts need. */
export type AccountRoutesDeps = {
  kit: RouteKit;
  accounts: AccountService;
  trust: TrustService;
  defaultRateLimit: number;
};

/** The organisation itself: its settings, its standing, and asking for a human review. */
export function accountRoutes(deps: AccountRoutesDeps): Router {
  const router = Router();
  const { route } = deps.kit;

  router.get('/v1/account', ...route('getAccount'), async (_req, res) => {
    res.json(
      presentAccount(
        await deps.accounts.getAccount(principalOf(res).accountId),
        deps.defaultRateLimit,
      ),
    );
  });

  router.patch('/v1/account', ...route('updateAccount'), async (req, res) => {
    const principal = principalOf(res);
    const body = req.body as components['schemas']['UpdateAccountRequest'];
    const account = await deps.accounts.updateSettings(
      principal.accountId,
      {
        name: body.name,
        helpText: body.help_text,
        smsOptOutLine: body.sms_opt_out_line,
        requireTwoFactor: body.require_two_factor,
      },
      actorOf(principal, metaOf(req)),
    );
    res.json(presentAccount(account, deps.defaultRateLimit));
  });

  router.get('/v1/account/decisions', ...route('listAccountDecisions'), async (_req, res) => {
    const decisions = await deps.trust.listDecisions(userOf(res).accountId);
    res.json({ object: 'list', data: decisions.map(presentDecision) });
  });

  router.get('/v1/account/review-requests', ...route('listReviewRequests'), async (_req, res) => {
    const reviews = await deps.trust.listReviewRequests(userOf(res).accountId);
    res.json({ object: 'list', data: reviews.map(presentReviewRequest) });
  });

  router.post('/v1/account/review-requests', ...route('createReviewRequest'), async (req, res) => {
    const user = userOf(res);
    const statement = (req.body as components['schemas']['CreateReviewRequest']).statement;
    const review = await deps.trust.requestReview(user.accountId, {
      userId: user.userId,
      statement,
      actor: actorOf(user, metaOf(req)),
    });
    res.status(201).json(presentReviewRequest(review));
  });

  return router;
}
