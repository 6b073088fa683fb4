import { createServer, type Server } from 'node:http';
import { type AddressInfo, isIP } from 'node:net';
import type { Resolver } from '@herald/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookSender } from './webhook-sender.js';

/** The HTTP side of a delivery, against real servers on 127.0.0.1. */
describe('the webhook sender', () => {
  let server: Server;
  let port: number;
  let connections = 0;
  let reply: { status: number; delayMs?: number; headers?: Record<string, string> } = {
    status: 200,
  };
  const bodies: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString());
        const send = () => !res.destroyed && res.writeHead(reply.status, reply.headers).end('ok');
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const dev = createWebhookSender({ guard: { allowHttpLoopback: true }, timeoutMs: 300 });
  const post = (url: string, send = dev) =>
    send({ url, payload: '{"id":"evt_1"}', headers: { 'webhook-id': 'evt_1' } });

  it('a 2xx is a success, with no error', async () => {
    reply = { status: 204 };
    const outcome = await post(`http://127.0.0.1:${port}/ok`);
    expect(outcome).toMatchObject({ statusCode: 204, error: null });
    expect(bodies.at(-1)).toBe('{"id":"evt_1"}');
  });

  it('a redirect is not followed, and Retry-After is read', async () => {
    reply = { status: 307, headers: { location: 'http://127.0.0.1:1/', 'retry-after': '7' } };
    const outcome = await post(`http://127.0.0.1:${port}/moved`);
    expect(outcome).toMatchObject({
      statusCode: 307,
      error: 'redirect_not_followed',
      retryAfterMs: 7000,
    });
  });

  it('an endpoint slower than the timeout is cut off', async () => {
    reply = { status: 200, delayMs: 2000 };
    const outcome = await post(`http://127.0.0.1:${port}/slow`);
    expect(outcome).toMatchObject({ statusCode: null, error: 'timeout' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
    expect(outcome.durationMs).toBeLessThan(1500);
  });

  it('a closed port is connection_refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await post(`http://127.0.0.1:${closedPort}/`)).toMatchObject({
      statusCode: null,
      error: 'connection_refused',
    });
  });

  it('a name that turns to loopback between the check and the connection is refused before connecting', async () => {
    reply = { status: 200 };
    let calls = 0;
    // First answer public (the pre-check), then loopback (the connection): DNS rebinding.
    const rebinding: Resolver = async () => {
      calls++;
      const address = calls === 1 ? '93.184.216.34' : '127.0.0.1';
      return [{ address, family: isIP(address) }];
    };
    const production = createWebhookSender({
      guard: { allowHttpLoopback: false, resolve: rebinding },
      timeoutMs: 1000,
    });
    const before = connections;
    const outcome = await post(`https://rebind.example:${port}/`, production);
    expect(calls).toBe(2);
    expect(outcome).toMatchObject({ statusCode: null, error: 'address_forbidden' });
    expect(connections).toBe(before);
  });

  it('in production, loopback and plain http are refused without a connection', async () => {
    const production = createWebhookSender({ guard: { allowHttpLoopback: false }, timeoutMs: 500 });
    const before = connections;
    expect((await post(`http://127.0.0.1:${port}/`, production)).error).toBe('address_forbidden');
    expect((await post(`https://[::ffff:127.0.0.1]:${port}/`, production)).error).toBe(
      'address_forbidden',
    );
    expect(connections).toBe(before);
  });
});
