import { type PrivacyServices, presentPrivacyRequestPage } from '@herald/core';
import { Router } from 'express';
import { parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/** The register of requests about end users, and the key that verifies erasure receipts. */
export function privacyRequestsRoutes(deps: { kit: RouteKit; privacy: PrivacyServices }): Router {
  const router = Router();
  const { route } = deps.kit;

  router.get('/v1/privacy-requests', ...route('listPrivacyRequests'), async (_req, res) => {
    const query = parametersOf(res).query;
    const page = await deps.privacy.requests.list(principalOf(res).accountId, {
      limit: query.limit as number,
      cursor: query.cursor as string | undefined,
    });
    res.json(presentPrivacyRequestPage(page));
  });

  router.post(
    '/v1/privacy-requests/form',
    ...route('createPrivacyRequestForm'),
    async (_req, res) => {
      const url = await deps.privacy.selfService.formUrl(principalOf(res).accountId);
      res.json({ object: 'privacy_request_form', url });
    },
  );

  // Public on purpose: anyone a receipt is shown to must be able to check it.
  router.get('/v1/privacy/receipt-key', ...route('getReceiptKey'), async (_req, res) => {
    res.json({
      object: 'receipt_key',
      algorithm: 'Ed25519',
      public_key: await deps.privacy.receipts.publicKeyPem(),
    });
  });

  return router;
}
