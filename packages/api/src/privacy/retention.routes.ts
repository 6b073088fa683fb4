import {
  actorOf,
  HeraldError,
  presentRetentionPolicy,
  presentRetentionPreview,
  presentRetentionRun,
  type RetentionService,
} from '@herald/core';
import type { Schemas } from '@herald/openapi';
import { type Response, Router } from 'express';
import { metaOf, operatorActor, parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/**
 * How long each store keeps the organisation's data, what the next runs would remove, what they
 * removed; and the operator's legal hold, which no organisation can set or lift itself.
 */
export function retentionRoutes(deps: { kit: RouteKit; retention: RetentionService }): Router {
  const router = Router();
  const { route } = deps.kit;

  router.get('/v1/retention-policy', ...route('getRetentionPolicy'), async (_req, res) => {
    const policy = await deps.retention.getPolicy(principalOf(res).accountId);
    res.json(presentRetentionPolicy(policy));
  });

  router.put('/v1/retention-policy', ...route('updateRetentionPolicy'), async (req, res) => {
    const principal = principalOf(res);
    const body = req.body as Schemas['UpdateRetentionPolicyRequest'];
    const policy = await deps.retention.updatePolicy(
      principal.accountId,
      {
        contentDays: body.content_days,
        usageDays: body.usage_days,
        ipLogDays: body.ip_log_days,
        storeContent: body.store_content,
      },
      actorOf(principal, metaOf(req)),
    );
    res.json(presentRetentionPolicy(policy));
  });

  router.get('/v1/retention-policy/preview', ...route('previewRetention'), async (_req, res) => {
    const preview = await deps.retention.preview(principalOf(res).accountId);
    res.json(presentRetentionPreview(preview));
  });

  router.get('/v1/retention-policy/runs', ...route('listRetentionRuns'), async (_req, res) => {
    const { limit, cursor } = pageOf(res);
    const rows = await deps.retention.listRuns(principalOf(res).accountId, {
      limit: limit + 1,
      beforeId: cursor,
    });
    const data = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    res.json({
      object: 'list',
      data: data.map(presentRetentionRun),
      has_more: hasMore,
      next_cursor: hasMore ? Buffer.from(data.at(-1)!.id).toString('base64url') : null,
    });
  });

  router.put(
    '/v1/operator/accounts/:account_id/legal-hold',
    ...route('setLegalHold'),
    async (req, res) => {
      const body = req.body as Schemas['LegalHoldRequest'];
      const policy = await deps.retention.setLegalHold(
        req.params.account_id as string,
        { on: body.legal_hold, reason: body.reason },
        operatorActor(req, res),
      );
      res.json(presentRetentionPolicy(policy));
    },
  );

  return router;
}

function pageOf(res: Response): { limit: number; cursor?: string } {
  const query = parametersOf(res).query;
  const cursor = query.cursor as string | undefined;
  if (cursor === undefined) return { limit: query.limit as number };
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  // Run ids are bigserial numbers.
  if (!/^\d{1,19}$/.test(id)) throw new HeraldError('invalid_cursor', { param: 'cursor' });
  return { limit: query.limit as number, cursor: id };
}
