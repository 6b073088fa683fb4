import { actorOf, type PrivacyServices, presentAccountExport } from '@herald/core';
import { Router } from 'express';
import { metaOf, userOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/** The organisation's own data, for its owners and admins, as one JSON document. */
export function accountExportRoutes(deps: {
  kit: RouteKit;
  privacy: PrivacyServices;
  defaultRateLimit: number;
}): Router {
  const router = Router();

  router.get('/v1/account/export', ...deps.kit.route('exportAccountData'), async (req, res) => {
    const user = userOf(res);
    const data = await deps.privacy.accountExport.export(
      user.accountId,
      actorOf(user, metaOf(req)),
    );
    res.set('Cache-Control', 'no-store').json(presentAccountExport(data, deps.defaultRateLimit));
  });

  return router;
}
