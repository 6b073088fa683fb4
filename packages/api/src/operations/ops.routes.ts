import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { MetricsSource } from '@herald/core';
import { Router } from 'express';
import type { ApiMetrics } from '../http/http-metrics.js';
import { requireOperator } from '../http/operator-auth.js';

type Queue = ConstructorParameters<typeof BullMQAdapter>[0];

export const QUEUE_DASHBOARD_PATH = '/operator/queues';

export type OpsRouteDeps = {
  metrics: ApiMetrics;
  /** What `/metrics` answers: this process's registry unless given (a cluster child's is every child's). */
  metricsSource?: MetricsSource;
  operatorToken?: string;
  /** Every queue Herald runs, shown in the dashboard. */
  queues: Queue[];
};

/**
 * Operators' routes outside the spec: Prometheus metrics at `/metrics` and the BullMQ dashboard
 * (Bull Board) under `/operator/queues`, both behind the operator token. The API faces the
 * internet; its metrics say how busy the platform is, which is the operators' business only.
 */
export function opsRoutes(deps: OpsRouteDeps): Router {
  const router = Router();
  const operator = requireOperator(deps.operatorToken);
  const source = deps.metricsSource ?? deps.metrics.registry;
  router.get('/metrics', operator, async (_req, res) => {
    res.set('Content-Type', source.contentType);
    res.send(await source.metrics());
  });

  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: deps.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Herald queues' } },
  });
  router.use(QUEUE_DASHBOARD_PATH, operator, board.getRouter());
  return router;
}
