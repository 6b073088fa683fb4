import type { TwoFactorService } from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, userOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

type Body<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The logged-in user's two-factor sign-in (TOTP): set up, confirm, turn off. */
export function twoFactorRoutes(deps: { kit: RouteKit; twoFactor: TwoFactorService }): Router {
  const router = Router();
  const { route } = deps.kit;

  router.post('/v1/me/two-factor', ...route('startTwoFactorSetup'), async (_req, res) => {
    const setup = await deps.twoFactor.start(userOf(res));
    // The secret is shown once: no cache may keep it.
    res.set('Cache-Control', 'no-store').json({
      object: 'two_factor_setup',
      secret: setup.secret,
      otpauth_url: setup.otpauthUrl,
    });
  });

  router.post('/v1/me/two-factor/confirm', ...route('confirmTwoFactor'), async (req, res) => {
    const body = req.body as Body<'TwoFactorConfirmRequest'>;
    const codes = await deps.twoFactor.confirm(userOf(res), body.code, metaOf(req));
    res
      .set('Cache-Control', 'no-store')
      .json({ object: 'two_factor_enabled', recovery_codes: codes });
  });

  router.delete('/v1/me/two-factor', ...route('disableTwoFactor'), async (req, res) => {
    const body = req.body as Body<'TwoFactorDisableRequest'>;
    await deps.twoFactor.disable(userOf(res), body.password, metaOf(req));
    res.status(204).end();
  });

  return router;
}
