import { type OverviewStatsService, presentOverviewStats } from '@herald/core';
import { Router } from 'express';
import { parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/** The console's overview charts: counts from the usage store, never a recipient or a body. */
export function statsRoutes(deps: { kit: RouteKit; stats: OverviewStatsService }): Router {
  const router = Router();
  router.get('/v1/stats/overview', ...deps.kit.route('getOverviewStats'), async (_req, res) => {
    const days = parametersOf(res).query.days as number;
    res.json(presentOverviewStats(await deps.stats.overview(principalOf(res).accountId, days)));
  });
  return router;
}
