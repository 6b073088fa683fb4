import { createMetricsRegistry } from '@herald/core';
import type { OpenApiDocument } from '@herald/openapi';
import type { RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { context } from './request-context.js';

/** The API process's metrics. Labels never carry a raw path, an id or anything personal. */
export type ApiMetrics = {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route' | 'status'>;
  /** Messages accepted (202, or accepted in a batch), by channel; replays are not counted. */
  accepted: Counter<'channel'>;
};

export function createApiMetrics(): ApiMetrics {
  const registry = createMetricsRegistry('herald-api');
  return {
    registry,
    requests: new Counter({
      name: 'herald_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'herald_http_request_duration_seconds',
      help: 'Time from the request reaching Express to the response being sent.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    accepted: new Counter({
      name: 'herald_messages_accepted_total',
      help: 'Messages accepted for sending, by channel.',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
  };
}

/** Paths served outside the spec, each reported as its mount point. */
const UNSPECIFIED_MOUNTS = ['/console', '/operator/queues'];

/**
 * Counts and times every request under the spec's path template of its operation
 * (`/v1/messages/{id}`), never the URL: an id or a query string (`?to=+1415…`) must not become
 * a label. Requests that matched no operation share one label, `unmatched`.
 */
export function httpMetrics(metrics: ApiMetrics, spec: OpenApiDocument): RequestHandler {
  const templates = new Map<string, string>();
  for (const [path, item] of Object.entries(spec.paths))
    for (const operation of Object.values(item))
      templates.set((operation as { operationId: string }).operationId, path);
  return (req, res, next) => {
    const stop = metrics.duration.startTimer();
    res.on('finish', () => {
      const operationId = context(res).operationId;
      // originalUrl: a mounted router rewrites req.url while it runs.
      const path = req.originalUrl.split('?')[0] ?? '';
      const route =
        (operationId && templates.get(operationId)) ??
        UNSPECIFIED_MOUNTS.find((mount) => path === mount || path.startsWith(`${mount}/`)) ??
        'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      metrics.requests.inc(labels);
      stop(labels);
      for (const [channel, count] of Object.entries(context(res).accepted ?? {}))
        if (count) metrics.accepted.inc({ channel }, count);
    });
    next();
  };
}
