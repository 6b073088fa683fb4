import type { components } from '@herald/openapi';
import { Router } from 'express';
import { operation } from '../http/request-context.js';

export type Readiness = components['schemas']['Readiness'];

export function healthRoutes(checkReadiness: () => Promise<Readiness>): Router {
  const router = Router();
  router.get('/healthz', operation('getHealth'), (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', operation('getReadiness'), async (_req, res) => {
    const readiness = await checkReadiness();
    res.status(readiness.status === 'ok' ? 200 : 503).json(readiness);
  });
  return router;
}
