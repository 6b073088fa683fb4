import { type ChannelName, type DevInboxService, presentDevInboxItem } from '@herald/core';
import { Router } from 'express';
import { parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/** Development only: what `npm start`'s local provider servers received for this organisation. */
export function devInboxRoutes(deps: { kit: RouteKit; devInbox: DevInboxService }): Router {
  const router = Router();
  router.get('/v1/dev/inbox', ...deps.kit.route('listDevInbox'), async (_req, res) => {
    const query = parametersOf(res).query;
    const items = await deps.devInbox.list(principalOf(res).accountId, {
      channel: query.channel as ChannelName | undefined,
      limit: query.limit as number,
    });
    res.json({ object: 'list', data: items.map(presentDevInboxItem) });
  });
  return router;
}
