import type { SenderDomainService } from '@herald/core';
import { Router } from 'express';
import { principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/** The email domains this organisation may send from; operators keep the list (the CLI). */
export function senderDomainsRoutes(deps: { kit: RouteKit; senderDomains: SenderDomainService }) {
  const router = Router();
  router.get('/v1/sender-domains', ...deps.kit.route('listSenderDomains'), async (_req, res) => {
    const domains = await deps.senderDomains.list(principalOf(res).accountId);
    res.json({
      object: 'list',
      data: domains.map((d) => ({
        object: 'sender_domain',
        domain: d.domain,
        created_at: d.createdAt.toISOString(),
      })),
    });
  });
  return router;
}
