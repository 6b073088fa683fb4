import {
  actorOf,
  assertReceivable,
  type ChannelName,
  type PrivacyServices,
  presentErasureReceipt,
  presentRestriction,
  presentSubject,
  presentSubjectExport,
  type RequestOrigin,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

type SubjectRequest = components['schemas']['SubjectRequest'];

/** End users' rights: what is held about one, a copy, erasure, restriction. */
export function subjectsRoutes(deps: { kit: RouteKit; privacy: PrivacyServices }): Router {
  const router = Router();
  const { route } = deps.kit;
  const { privacy } = deps;

  router.get('/v1/subjects', ...route('findSubject'), async (req, res) => {
    const query = parametersOf(res).query;
    const principal = principalOf(res);
    const findings = await privacy.subjects.find(
      principal.accountId,
      { identifier: query.identifier as string, channel: query.channel as ChannelName | undefined },
      actorOf(principal, metaOf(req)),
    );
    res.json(presentSubject(findings));
  });

  router.post('/v1/subjects/exports', ...route('createSubjectExport'), async (req, res) => {
    const principal = principalOf(res);
    const created = await privacy.exports.request(
      principal.accountId,
      req.body as SubjectRequest,
      actorOf(principal, metaOf(req)),
      originOf(req.body as SubjectRequest),
    );
    res.status(202).json(presentSubjectExport(created.export, created.downloadUrl));
  });

  router.get('/v1/subjects/exports/:export_id', ...route('getSubjectExport'), async (req, res) => {
    const found = await privacy.exports.get(
      principalOf(res).accountId,
      req.params.export_id as string,
    );
    res.json(presentSubjectExport(found));
  });

  router.get(
    '/v1/subjects/exports/:export_id/download',
    ...route('downloadSubjectExport'),
    async (req, res) => {
      const archive = await privacy.exports.download(
        principalOf(res).accountId,
        req.params.export_id as string,
        parametersOf(res).query.token as string,
      );
      // Personal data, once: no cache may keep a copy.
      res.set('Cache-Control', 'no-store').json(archive);
    },
  );

  router.post('/v1/subjects/erasures', ...route('createSubjectErasure'), async (req, res) => {
    const principal = principalOf(res);
    const receipt = await privacy.erasures.erase(
      principal.accountId,
      req.body as SubjectRequest,
      actorOf(principal, metaOf(req)),
      originOf(req.body as SubjectRequest),
    );
    res.json(presentErasureReceipt(receipt));
  });

  router.get(
    '/v1/subjects/erasures/:erasure_id',
    ...route('getSubjectErasure'),
    async (req, res) => {
      const receipt = await privacy.erasures.receipt(
        principalOf(res).accountId,
        req.params.erasure_id as string,
      );
      res.json(presentErasureReceipt(receipt));
    },
  );

  router.post(
    '/v1/subjects/restrictions',
    ...route('createSubjectRestriction'),
    async (req, res) => {
      const principal = principalOf(res);
      const restriction = await privacy.restrictions.restrict(
        principal.accountId,
        req.body as SubjectRequest,
        actorOf(principal, metaOf(req)),
        originOf(req.body as SubjectRequest),
      );
      res.status(201).json(presentRestriction(restriction));
    },
  );

  router.delete(
    '/v1/subjects/restrictions/:restriction_id',
    ...route('liftSubjectRestriction'),
    async (req, res) => {
      const principal = principalOf(res);
      await privacy.restrictions.lift(
        principal.accountId,
        req.params.restriction_id as string,
        actorOf(principal, metaOf(req)),
      );
      res.status(204).end();
    },
  );

  return router;
}

/**
 * The organisation's word for when the end user asked: the clock starts there. Checked before
 * anything is done, so a refused request leaves nothing behind (a restriction is applied before
 * it is recorded).
 */
function originOf(body: SubjectRequest): RequestOrigin {
  if (body.received_at === undefined) return {};
  const receivedAt = new Date(body.received_at);
  assertReceivable(receivedAt, new Date());
  return { receivedAt };
}
