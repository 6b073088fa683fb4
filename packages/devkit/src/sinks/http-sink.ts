import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One injected failure for an HTTP sink: the next `count` API requests are answered with
 * `status` in the provider's own error format. `hang` (or status 0) never answers at all, so the
 * client's timeout is what ends the request.
 */
export type HttpFault = {
  count: number;
  status: number;
  retryAfterSeconds?: number;
  hang?: boolean;
};

/** Failures are consumed in the order they were queued, one per request. */
export class FaultQueue<F extends { count: number }> {
  readonly #faults: F[] = [];

  add(fault: F): void {
    if (fault.count > 0) this.#faults.push({ ...fault });
  }

  peek(): F | undefined {
    return this.#faults[0];
  }

  take(): F | undefined {
    const fault = this.#faults[0];
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.#faults.shift();
    return fault;
  }

  clear(): void {
    this.#faults.length = 0;
  }
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export type RunningHttpServer = { url: string; port: number; close(): Promise<void> };

/**
 * Listens with `handler`. The server never logs: what it receives is message content and
 * personal data. A handler that throws answers 500 so a test sees it rather than hangs.
 */
export async function listenHttp(
  handler: HttpHandler,
  options: { host: string; port: number },
): Promise<RunningHttpServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink.invalid');
    handler(req, res, url).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'sink failure' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${hostForUrl(options.host)}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests and SDK keep-alive sockets would otherwise hold close() open forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function readBody(req: IncomingMessage, limitBytes = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

export function retryAfterHeader(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { 'retry-after': String(seconds) };
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * `GET /__sink/messages` lets a developer look at what a sink received;
 * `DELETE /__sink/messages` empties it. Returns false when the request is not for these routes.
 */
export function handleSinkRoutes(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  received: unknown[],
): boolean {
  if (url.pathname !== '/__sink/messages') return false;
  if (req.method === 'GET') sendJson(res, 200, { messages: received });
  else if (req.method === 'DELETE') {
    received.length = 0;
    res.writeHead(204).end();
  } else sendJson(res, 405, { error: 'method not allowed' });
  return true;
}
