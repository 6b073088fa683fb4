import {
  type AuditLog,
  actorOf,
  type ChannelName,
  presentSuppression,
  presentSuppressionPage,
  type SuppressionService,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/**
 * The account's suppression list: list (masked), add, remove. Adding and removing are in the
 * audit log, by channel and entry id: the identifier itself never reaches the account store.
 */
export function suppressionsRoutes(deps: {
  kit: RouteKit;
  suppressions: SuppressionService;
  audit: AuditLog;
}) {
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
    const principal = principalOf(res);
    const { suppression, created } = await deps.suppressions.add(
      principal.accountId,
      body.channel,
      body.identifier,
    );
    if (created)
      await deps.audit.record({
        accountId: principal.accountId,
        actor: actorOf(principal, metaOf(req)),
        action: 'suppression.added',
        target: { type: 'suppression', id: suppression.id },
        details: { channel: suppression.channel },
      });
    res.status(201).json(presentSuppression(suppression));
  });

  router.delete(
    '/v1/suppressions/:suppression_id',
    ...route('deleteSuppression'),
    async (req, res) => {
      const principal = principalOf(res);
      const id = req.params.suppression_id as string;
      const { channel } = await deps.suppressions.remove(principal.accountId, id);
      await deps.audit.record({
        accountId: principal.accountId,
        actor: actorOf(principal, metaOf(req)),
        action: 'suppression.removed',
        target: { type: 'suppression', id },
        details: { channel },
      });
      res.status(204).end();
    },
  );

  return router;
}
