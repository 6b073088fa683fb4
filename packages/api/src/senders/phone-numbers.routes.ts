import {
  actorOf,
  type InboundNumber,
  type Pacer,
  type PhoneNumberClaims,
  type PhoneNumberService,
  presentInboundNumber,
  senderLaneKey,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/** The numbers this organisation holds or has claimed, and the code that proves control. */
export function phoneNumbersRoutes(deps: {
  kit: RouteKit;
  phoneNumbers: PhoneNumberService;
  claims: PhoneNumberClaims;
  pacer: Pacer;
}) {
  const router = Router();
  const { route } = deps.kit;
  /** One number with what waits on its cap now (ADR 28). */
  const withBacklog = async (number: InboundNumber) =>
    presentInboundNumber(number, await deps.pacer.backlogMs(senderLaneKey('sms', number.number)));

  router.get('/v1/phone-numbers', ...route('listPhoneNumbers'), async (_req, res) => {
    const numbers = await deps.phoneNumbers.list(principalOf(res).accountId);
    res.json({ object: 'list', data: numbers.map((number) => presentInboundNumber(number)) });
  });

  router.get('/v1/phone-numbers/:phone_number_id', ...route('getPhoneNumber'), async (req, res) => {
    const number = await deps.phoneNumbers.get(
      principalOf(res).accountId,
      req.params.phone_number_id as string,
    );
    res.json(await withBacklog(number));
  });

  router.patch(
    '/v1/phone-numbers/:phone_number_id',
    ...route('updatePhoneNumber'),
    async (req, res) => {
      const body = req.body as components['schemas']['UpdatePhoneNumberRequest'];
      const principal = principalOf(res);
      const number = await deps.phoneNumbers.updatePacing(
        principal.accountId,
        req.params.phone_number_id as string,
        {
          ...(body.kind !== undefined && { kind: body.kind }),
          ...(body.segments_per_second !== undefined && {
            segmentsPerSecond: body.segments_per_second,
          }),
        },
        actorOf(principal, metaOf(req)),
      );
      res.json(await withBacklog(number));
    },
  );

  router.post('/v1/phone-numbers', ...route('createPhoneNumber'), async (req, res) => {
    const body = req.body as components['schemas']['CreatePhoneNumberRequest'];
    const principal = principalOf(res);
    const number = await deps.claims.claim(
      principal.accountId,
      body.number,
      actorOf(principal, metaOf(req)),
    );
    res.status(201).json(presentInboundNumber(number));
  });

  router.post(
    '/v1/phone-numbers/:phone_number_id/verify',
    ...route('verifyPhoneNumber'),
    async (req, res) => {
      const body = req.body as components['schemas']['VerifyPhoneNumberRequest'];
      const principal = principalOf(res);
      const number = await deps.claims.verify(
        principal.accountId,
        req.params.phone_number_id as string,
        body.code,
        actorOf(principal, metaOf(req)),
      );
      res.json(presentInboundNumber(number));
    },
  );

  router.delete(
    '/v1/phone-numbers/:phone_number_id',
    ...route('deletePhoneNumber'),
    async (req, res) => {
      const principal = principalOf(res);
      await deps.phoneNumbers.remove(
        principal.accountId,
        req.params.phone_number_id as string,
        actorOf(principal, metaOf(req)),
      );
      res.status(204).end();
    },
  );

  return router;
}
