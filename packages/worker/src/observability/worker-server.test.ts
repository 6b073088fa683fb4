import type { Server } from 'node:http';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerServer, listen } from './worker-server.js';

describe('the worker’s HTTP server', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createWorkerServer({
      registry: new Registry(),
      checkReadiness: async () => ({ status: 'ok', checks: {} }),
    });
    url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterAll(() => {
    server.close();
  });

  it('every answer carries the security headers and is never stored', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/nope']) {
      const res = await fetch(`${url}${path}`);
      const headers = Object.fromEntries(res.headers);
      expect([path, headers['x-content-type-options'], headers['cache-control']]).toEqual([
        path,
        'nosniff',
        'no-store',
      ]);
      expect(headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['x-frame-options']).toBe('DENY');
    }
  });
});
