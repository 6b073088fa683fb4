import {
  actorOf,
  emailDomainLaneKey,
  HeraldError,
  type Pacer,
  type ProviderCaps,
  presentProviderAccount,
  presentSenderDomain,
  type SenderDomain,
  type SenderDomainService,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/**
 * The email domains this organisation may send from (operators keep the list, the CLI), and
 * each one's throughput cap with what waits on it (ADR 28); and the caps of the provider
 * accounts every message also goes through.
 */
export function senderDomainsRoutes(deps: {
  kit: RouteKit;
  senderDomains: SenderDomainService;
  pacer: Pacer;
  providerCaps: ProviderCaps;
}) {
  const router = Router();
  const { route } = deps.kit;
  const withBacklog = async (domain: SenderDomain) =>
    presentSenderDomain(domain, await deps.pacer.backlogMs(emailDomainLaneKey(domain.domain)));

  router.get('/v1/sender-domains', ...route('listSenderDomains'), async (_req, res) => {
    const domains = await deps.senderDomains.list(principalOf(res).accountId);
    res.json({ object: 'list', data: domains.map((domain) => presentSenderDomain(domain)) });
  });

  router.post('/v1/sender-domains', ...route('createSenderDomain'), async (req, res) => {
    const body = req.body as components['schemas']['CreateSenderDomainRequest'];
    const principal = principalOf(res);
    const domain = await deps.senderDomains.add(
      principal.accountId,
      body.domain,
      actorOf(principal, metaOf(req)),
    );
    res.status(201).json(presentSenderDomain(domain));
  });

  router.post(
    '/v1/sender-domains/:domain/verify',
    ...route('verifySenderDomain'),
    async (req, res) => {
      const principal = principalOf(res);
      const domain = await deps.senderDomains.verify(
        principal.accountId,
        req.params.domain as string,
        actorOf(principal, metaOf(req)),
      );
      res.json(presentSenderDomain(domain));
    },
  );

  router.delete('/v1/sender-domains/:domain', ...route('deleteSenderDomain'), async (req, res) => {
    const principal = principalOf(res);
    const removed = await deps.senderDomains.revoke(
      principal.accountId,
      req.params.domain as string,
      actorOf(principal, metaOf(req)),
    );
    if (!removed) throw new HeraldError('sender_domain_not_found', { param: 'domain' });
    res.status(204).end();
  });

  router.get('/v1/sender-domains/:domain', ...route('getSenderDomain'), async (req, res) => {
    const domain = await deps.senderDomains.get(
      principalOf(res).accountId,
      req.params.domain as string,
    );
    res.json(await withBacklog(domain));
  });

  router.patch('/v1/sender-domains/:domain', ...route('updateSenderDomain'), async (req, res) => {
    const body = req.body as components['schemas']['UpdateSenderDomainRequest'];
    const principal = principalOf(res);
    const domain = await deps.senderDomains.updatePacing(
      principal.accountId,
      req.params.domain as string,
      body.messages_per_second,
      actorOf(principal, metaOf(req)),
    );
    res.json(await withBacklog(domain));
  });

  // Without their backlogs: what waits there is every organisation's.
  router.get('/v1/provider-accounts', ...route('listProviderCaps'), async (_req, res) => {
    const accounts = await deps.providerCaps.list();
    res.json({ object: 'list', data: accounts.map((account) => presentProviderAccount(account)) });
  });
  return router;
}
