import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsSource } from '@herald/core';
import helmet from 'helmet';

export type WorkerReadiness = {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'ok' | 'unavailable'>;
};

export type WorkerServerDeps = {
  /** This process's registry; in a cluster's primary, every child's metrics gathered. */
  registry: MetricsSource;
  checkReadiness: () => Promise<WorkerReadiness>;
};

/**
 * The worker's own small HTTP server, for orchestrators and Prometheus: `/healthz` (the process
 * answers), `/readyz` (its stores, Redis and its own heartbeat) and `/metrics`. It binds to
 * `WORKER_HOST` (loopback by default) and carries no authentication: keep it off the internet.
 */
export function createWorkerServer(deps: WorkerServerDeps): Server {
  // The API's headers for what is not a page: nothing loads, nothing frames it, nothing caches.
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  return createServer((req, res) =>
    headers(req, res, () => {
      res.setHeader('Cache-Control', 'no-store');
      answer(deps, req, res);
    }),
  );
}

/** What the server answers, once the headers are on. */
function answer(deps: WorkerServerDeps, req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? '/').split('?')[0];
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return json(405, { status: 'method_not_allowed' });
  if (path === '/healthz') return json(200, { status: 'ok' });
  if (path === '/readyz') {
    void deps.checkReadiness().then(
      (readiness) => json(readiness.status === 'ok' ? 200 : 503, readiness),
      () => json(503, { status: 'unavailable', checks: {} }),
    );
    return;
  }
  if (path === '/metrics') {
    void deps.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': deps.registry.contentType });
        res.end(text);
      },
      () => json(500, { status: 'metrics_failed' }),
    );
    return;
  }
  json(404, { status: 'not_found' });
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
