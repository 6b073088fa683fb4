import type { ChannelName, SuppressionService } from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { parametersOf, principalOf } from '../http/request-context.js';
import { presentSuppression, presentSuppressionPage } from '../presenters/suppression.presenter.js';
import type { RouteKit } from './route-kit.js';

/** The account's suppression list: list (masked), add, remove. */
export function suppressionsRoutes(deps: { kit: RouteKit; suppressions: SuppressionService }) {
  const router = Router();
  const { route } = deps.kit;

  router.get('/v1/suppressions', ...route('listSuppressions'), async (_req, res) => {
    const query = parametersOf(res).query;
    const page = await deps.suppressions.list(principalOf(res).accountId, {
      limit: query.limit as number,
      cursor: query.cursor as string | undefined,
      channel: query.channel as ChannelName | undefined,
      identifier: query.identifier as string | undefined,
    });
    res.json(presentSuppressionPage(page));
  });

  router.post('/v1/suppressions', ...route('createSuppression'), async (req, res) => {
    const body = req.body as components['schemas']['CreateSuppressionRequest'];
    const suppression = await deps.suppressions.add(
      principalOf(res).accountId,
      body.channel,
      body.identifier,
    );
    res.status(201).json(presentSuppression(suppression));
  });

  router.delete(
    '/v1/suppressions/:suppression_id',
    ...route('deleteSuppression'),
    async (req, res) => {
      await deps.suppressions.remove(
        principalOf(res).accountId,
        req.params.suppression_id as string,
      );
      res.status(204).end();
    },
  );

  return router;
}
