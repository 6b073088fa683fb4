import {
  actorOf,
  HeraldError,
  presentWebhookAttempt,
  presentWebhookEndpoint,
  type WebhookEndpointService,
  type WebhookLogService,
} from '@herald/core';
import type { Schemas } from '@herald/openapi';
import { type Response, Router } from 'express';
import { metaOf, parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/**
 * Webhook endpoints (secrets shown once, at creation and rotation), their attempt log,
 * redelivery by hand, and the account's signing secret for `status_callback` URLs.
 */
export function webhooksRoutes(deps: {
  kit: RouteKit;
  endpoints: WebhookEndpointService;
  log: WebhookLogService;
}): Router {
  const router = Router();
  const { route } = deps.kit;
  const base = '/v1/webhook-endpoints';
  const one = `${base}/:webhook_endpoint_id`;
  const idOf = (req: { params: Record<string, unknown> }) =>
    req.params.webhook_endpoint_id as string;

  router.get(base, ...route('listWebhookEndpoints'), async (_req, res) => {
    const endpoints = await deps.endpoints.list(principalOf(res).accountId);
    res.json({ object: 'list', data: endpoints.map(presentWebhookEndpoint) });
  });

  router.post(base, ...route('createWebhookEndpoint'), async (req, res) => {
    const body = req.body as Schemas['CreateWebhookEndpointRequest'];
    const principal = principalOf(res);
    const { endpoint, secret } = await deps.endpoints.create(
      principal.accountId,
      { url: body.url, eventTypes: body.event_types, description: body.description },
      actorOf(principal, metaOf(req)),
    );
    noStore(res)
      .status(201)
      .json({ ...presentWebhookEndpoint(endpoint), secret });
  });

  router.get(one, ...route('getWebhookEndpoint'), async (req, res) => {
    res.json(
      presentWebhookEndpoint(await deps.endpoints.get(principalOf(res).accountId, idOf(req))),
    );
  });

  router.patch(one, ...route('updateWebhookEndpoint'), async (req, res) => {
    const body = req.body as Schemas['UpdateWebhookEndpointRequest'];
    const principal = principalOf(res);
    const endpoint = await deps.endpoints.update(
      principal.accountId,
      idOf(req),
      {
        url: body.url,
        eventTypes: body.event_types,
        description: body.description,
        disabled: body.disabled,
      },
      actorOf(principal, metaOf(req)),
    );
    res.json(presentWebhookEndpoint(endpoint));
  });

  router.delete(one, ...route('deleteWebhookEndpoint'), async (req, res) => {
    const principal = principalOf(res);
    await deps.endpoints.remove(principal.accountId, idOf(req), actorOf(principal, metaOf(req)));
    res.status(204).end();
  });

  router.post(`${one}/rotate-secret`, ...route('rotateWebhookSecret'), async (req, res) => {
    const principal = principalOf(res);
    const { endpoint, secret } = await deps.endpoints.rotateSecret(
      principal.accountId,
      idOf(req),
      actorOf(principal, metaOf(req)),
    );
    noStore(res).json({ ...presentWebhookEndpoint(endpoint), secret });
  });

  router.get(`${one}/attempts`, ...route('listWebhookAttempts'), async (req, res) => {
    const query = parametersOf(res).query;
    const limit = query.limit as number;
    const cursor = query.cursor as string | undefined;
    const rows = await deps.log.attempts(principalOf(res).accountId, idOf(req), {
      limit: limit + 1,
      beforeId: cursor === undefined ? undefined : decodeCursor(cursor),
    });
    const data = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    res.json({
      object: 'list',
      data: data.map(presentWebhookAttempt),
      has_more: hasMore,
      next_cursor: hasMore ? Buffer.from(data.at(-1)!.id, 'utf8').toString('base64url') : null,
    });
  });

  router.post(`${one}/redeliver`, ...route('redeliverWebhookEvent'), async (req, res) => {
    const body = req.body as Schemas['RedeliverRequest'];
    await deps.log.redeliver(principalOf(res).accountId, idOf(req), body.event_id);
    res.status(202).end();
  });

  router.get('/v1/account/signing-secret', ...route('getSigningSecret'), async (_req, res) => {
    const secret = await deps.endpoints.signingSecret(principalOf(res).accountId);
    noStore(res).json({ object: 'signing_secret', secret });
  });

  return router;
}

/** A response that carries a secret must not sit in any cache. */
function noStore(res: Response): Response {
  return res.set('Cache-Control', 'no-store');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^wha_[0-9A-Z]{26}$/.test(id)) throw new HeraldError('invalid_cursor', { param: 'cursor' });
  return id;
}
