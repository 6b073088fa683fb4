import {
  type AccountService,
  actorOf,
  creatableScopes,
  presentApiKey,
  type SecurityNotices,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/**
 * API keys: create (the secret once, never more powerful than its creator), list (never secrets,
 * with the scopes the caller may create), revoke (refused from the next request).
 */
export function apiKeysRoutes(deps: {
  kit: RouteKit;
  accounts: AccountService;
  /** The owners are told of every new key (issue 17, item 6). */
  notices: SecurityNotices;
}): Router {
  const router = Router();
  const { route } = deps.kit;

  router.get('/v1/api-keys', ...route('listApiKeys'), async (_req, res) => {
    const principal = principalOf(res);
    const keys = await deps.accounts.listApiKeys(principal.accountId);
    res.json({
      object: 'list',
      data: keys.map(presentApiKey),
      creatable_scopes: creatableScopes(principal),
    });
  });

  router.post('/v1/api-keys', ...route('createApiKey'), async (req, res) => {
    const body = req.body as components['schemas']['CreateApiKeyRequest'];
    const principal = principalOf(res);
    const { key, secret } = await deps.accounts.createApiKey(
      principal.accountId,
      {
        name: body.name,
        mode: body.mode,
        scope: body.scope,
        issuer: principal,
      },
      actorOf(principal, metaOf(req)),
    );
    await deps.notices.apiKeyCreated(
      principal.accountId,
      key,
      principal.kind === 'user' ? { userId: principal.userId } : { apiKeyId: principal.apiKeyId },
    );
    res.status(201).json({ ...presentApiKey(key), secret });
  });

  router.delete('/v1/api-keys/:api_key_id', ...route('revokeApiKey'), async (req, res) => {
    const principal = principalOf(res);
    await deps.accounts.revokeApiKey(
      principal.accountId,
      req.params.api_key_id as string,
      actorOf(principal, metaOf(req)),
    );
    res.status(204).end();
  });

  return router;
}
