import {
  type ChannelName,
  HeraldError,
  type OperatorService,
  type Pacer,
  type ProviderAccount,
  type ProviderCaps,
  presentAccount,
  presentDecision,
  presentProviderAccount,
  presentReviewRequest,
  providerLaneKey,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { type Request, Router } from 'express';
import type { AccountRoutesDeps } from '../accounts/account.routes.js';
import { operatorActor } from '../http/request-context.js';

/**
 * For the people who run this Herald (the operator token): reviews, account limits, and the
 * caps of the provider accounts Herald sends through.
 */
export function operatorRoutes(
  deps: AccountRoutesDeps & {
    providerCaps: ProviderCaps;
    pacer: Pacer;
    operators: OperatorService;
  },
): Router {
  const router = Router();
  const { route } = deps.kit;
  router.post('/v1/operator/sessions', ...route('createOperatorSession'), async (req, res) => {
    const body = req.body as components['schemas']['OperatorSignInRequest'];
    const session = await deps.operators.signIn(body, req.ip ?? null);
    const answer: components['schemas']['OperatorSession'] = {
      object: 'operator_session',
      token: session.token,
      expires_at: session.expiresAt.toISOString(),
      operator: session.operator,
    };
    res.status(201).json(answer);
  });

  router.delete(
    '/v1/operator/sessions/current',
    ...route('deleteOperatorSession'),
    async (req, res) => {
      await deps.operators.signOut(bearerOf(req));
      res.status(204).end();
    },
  );

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
        // Review outcomes say who decided: the operator's id, as the audit log has it.
        operator: operatorActor(req, res).id,
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
        operatorActor(req, res),
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
        actor: operatorActor(req, res),
      });
      if (!decision) {
        const account = await deps.accounts.getAccount(accountId);
        throw new HeraldError('account_not_suspendable', { reason: account.status });
      }
      res.status(201).json(presentDecision(decision));
    },
  );

  const withBacklog = async (account: ProviderAccount) =>
    presentProviderAccount(account, await deps.pacer.backlogMs(providerLaneKey(account.channel)));

  router.get(
    '/v1/operator/provider-accounts',
    ...route('listProviderAccounts'),
    async (_req, res) => {
      const accounts = await deps.providerCaps.list();
      res.json({ object: 'list', data: await Promise.all(accounts.map(withBacklog)) });
    },
  );

  router.patch(
    '/v1/operator/provider-accounts/:channel',
    ...route('updateProviderAccount'),
    async (req, res) => {
      const body = req.body as components['schemas']['UpdateProviderAccountRequest'];
      const account = await deps.providerCaps.set(
        req.params.channel as ChannelName,
        body.per_second,
        operatorActor(req, res),
      );
      res.json(await withBacklog(account));
    },
  );

  return router;
}

/** The bearer token authorize already checked. */
function bearerOf(req: Request): string {
  return (req.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
}
