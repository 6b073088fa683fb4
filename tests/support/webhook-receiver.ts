import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@herald/openapi';

/** One request as the customer's endpoint saw it: raw body bytes, headers, arrival time. */
export type ReceivedWebhook = {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
};

export type WebhookReply = { status: number; headers?: Record<string, string>; delayMs?: number };

/** A customer's webhook endpoint on 127.0.0.1 that records what arrives and answers as told. */
export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** TCP connections accepted, including ones that never made a request. */
  connections: number;
  /** Parsed bodies, in arrival order. */
  events(): Array<components['schemas']['WebhookEvent']>;
  respondWith(answer: (request: ReceivedWebhook, index: number) => WebhookReply): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(
  answer: (request: ReceivedWebhook, index: number) => WebhookReply = () => ({ status: 204 }),
): Promise<WebhookReceiver> {
  let respond = answer;
  const receiver = { received: [] as ReceivedWebhook[], connections: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedWebhook = {
        path: req.url ?? '/',
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.join(', ') : (v ?? ''),
          ]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const index = receiver.received.push(request) - 1;
      const reply = respond(request, index);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, reply.headers).end();
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  server.on('connection', () => {
    receiver.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: receiver.received,
    get connections() {
      return receiver.connections;
    },
    events: () => receiver.received.map((r) => JSON.parse(r.body)),
    respondWith: (next) => {
      respond = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
