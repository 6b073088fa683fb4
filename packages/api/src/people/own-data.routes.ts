import type { OwnDataService } from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, userOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';
import { type CookieSettings, clearSessionCookie } from '../http/session-cookie.js';

type Body<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The logged-in person's own data (issue 17, item 5): a copy of it, and deleting their user. */
export function ownDataRoutes(deps: {
  kit: RouteKit;
  ownData: OwnDataService;
  cookies: CookieSettings;
}): Router {
  const router = Router();
  const { route } = deps.kit;

  router.get('/v1/me/export', ...route('exportOwnData'), async (_req, res) => {
    const copy = await deps.ownData.export(userOf(res).userId);
    // Personal data: no cache may keep a copy.
    res.set('Cache-Control', 'no-store').attachment('herald-my-data.json').json(copy);
  });

  router.delete('/v1/me', ...route('deleteOwnUser'), async (req, res) => {
    const body = req.body as Body<'DeleteOwnUserRequest'>;
    await deps.ownData.deleteSelf(userOf(res), body.password, metaOf(req));
    clearSessionCookie(res, deps.cookies);
    res.status(204).end();
  });

  return router;
}
