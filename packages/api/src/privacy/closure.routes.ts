import {
  type AccountClosureService,
  actorOf,
  presentAccount,
  presentAccountClosure,
  type SecurityNotices,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, userOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/**
 * Closing the organisation (owners, in a session, with its name typed out), where the closing
 * stands and what is kept, and cancelling it within the grace period. A closing organisation
 * answers little else: see `openWhileClosed` in http/authorize.ts.
 */
export function closureRoutes(deps: {
  kit: RouteKit;
  closures: AccountClosureService;
  notices: SecurityNotices;
  defaultRateLimit: number;
}): Router {
  const router = Router();
  const { route } = deps.kit;

  router.delete('/v1/account', ...route('closeAccount'), async (req, res) => {
    const user = userOf(res);
    const body = req.body as components['schemas']['CloseAccountRequest'];
    const closure = await deps.closures.close(user.accountId, {
      confirm: body.confirm,
      userId: user.userId,
      actor: actorOf(user, metaOf(req)),
    });
    await deps.notices.closureScheduled(user.accountId, closure.purgeAt);
    res.status(202).json(presentAccountClosure(closure));
  });

  router.get('/v1/account/closure', ...route('getAccountClosure'), async (_req, res) => {
    res.json(presentAccountClosure(await deps.closures.get(userOf(res).accountId)));
  });

  router.delete('/v1/account/closure', ...route('cancelAccountClosure'), async (req, res) => {
    const user = userOf(res);
    const account = await deps.closures.cancel(user.accountId, actorOf(user, metaOf(req)));
    res.json(presentAccount(account, deps.defaultRateLimit));
  });

  return router;
}
